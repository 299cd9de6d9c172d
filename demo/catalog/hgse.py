"""HGSE Professional Education: the CMTE workshops and the CAEL modules."""

from decimal import Decimal
from typing import Any

HGSE = "hgse"

PROVIDER = {
    "slug": HGSE,
    "name": "Harvard Graduate School of Education, Professional Education",
    "short_name": "HGSE",
    "website": "https://www.gse.harvard.edu/professional-education",
    "signatory_name": "Professional Education",
    "signatory_title": "Harvard Graduate School of Education",
    "payment_instructions": (
        "Pay by bank transfer or check to Harvard Graduate School of Education, "
        "quoting the invoice number. Schools and districts may send a purchase "
        "order instead and pay after the workshop. Questions: the Professional "
        "Education office."
    ),
    "contact_email": "professional-education@hgse.demo.test",
}

PROGRAMS: list[dict[str, Any]] = [
    {
        "slug": "cmte",
        "provider": HGSE,
        "name": "Certificate in Media and Technology for Education",
        "short_name": "CMTE",
        "kind": "certificate",
        "summary": (
            "Complete at least three workshops of your choice, in any order, to earn "
            "the Certificate automatically. Each completed workshop also earns its own "
            "certificate of completion, and workshops completed before count: nobody "
            "retakes one."
        ),
        "audience": "Educators at all levels and roles across K-12, higher education "
        "and informal learning.",
        "eligibility": "Everyone is eligible.",
        "scholarships": "No scholarships are available for this certificate.",
        "rules": [{"kind": "units_completed", "min_count": 3}],
    },
    {
        "slug": "cael",
        "provider": HGSE,
        "name": "Certificate in Advanced Education Leadership",
        "short_name": "CAEL",
        "kind": "certificate",
        "summary": (
            "Semester-length modules with an online learning facilitator. Choose the "
            "graduate-credit track (for admitted participants; final project in weeks "
            "9-12, about five extra hours) or the non-credit track (a certificate of "
            "competency and a letter confirming 60 clock hours per module). It may "
            "take a year or longer to complete."
        ),
        "audience": "Current and aspiring district- and system-level leaders.",
        "rules": [{"kind": "units_completed", "min_count": None}],
    },
]

FINAL_PRODUCT = {
    "title": "Final product",
    "kind": "final_product",
    "review_mode": "none",
    "shared_with_peers": True,
    "instructions": (
        "Submit a draft of the deliverable you are developing or a final reflection "
        "that synthesises your learning and next steps. It is not graded; peers give "
        "feedback."
    ),
}
OFFICE_HOURS = {"title": "Optional office hours", "kind": "office_hours", "week": 2}

CMTE_WORKSHOP = {
    "provider": HGSE,
    "programs": ["cmte"],
    "kind": "workshop",
    "delivery": "asynchronous",
    "group_tiers": [{"min_participants": 10, "kind": "percent_off", "percent_off": 25}],
    "requirements": [FINAL_PRODUCT],
    "rules": [{"kind": "required_pieces"}],
    "runs_per_year": 2,
    "sessions": [OFFICE_HOURS],
}

CAEL_MODULE = {
    "provider": HGSE,
    "programs": ["cael"],
    "kind": "module",
    "delivery": "facilitated",
    "weeks": 13,
    "clock_hours": 60,
    "has_tracks": True,
    "audience": "Current and aspiring district- and system-level leaders.",
    "requirements": [
        {
            "title": "Module project",
            "kind": "project",
            "review_mode": "met_not_met",
            "instructions": (
                "Graduate-credit participants complete their final project in weeks "
                "9-12 (about five extra hours)."
            ),
        }
    ],
    "rules": [{"kind": "all_met"}],
    "runs_per_year": 2,
    "sessions": [],
}


def _cael(title: str, slug: str, position: int) -> dict:
    return {
        **CAEL_MODULE,
        "title": f"{title}: A Certificate of Advanced Leadership Module",
        "short_name": title,
        "slug": slug,
        "position": position,
        "summary": "A semester-length module (12-13 weeks) with an online learning "
        "facilitator.",
    }


UNITS = [
    {
        **CMTE_WORKSHOP,
        "title": "Developing Strategies for Online Teaching and Learning",
        "short_name": "SOTL",
        "slug": "sotl",
        "position": 1,
        "audience": "preK-12 educators",
        "weeks": 4,
        "hours_per_week_min": 4,
        "hours_per_week_max": 5,
        "price": Decimal("400.00"),
        "summary": "A four-week asynchronous workshop centred on preK-12 online "
        "teaching.",
    },
    {
        **CMTE_WORKSHOP,
        "title": "Online Teaching and Learning in Action",
        "short_name": "OTLA",
        "slug": "otla",
        "position": 2,
        "audience": "Educators at all levels",
        "weeks": 6,
        "hours_per_week_min": 3,
        "hours_per_week_max": 4,
        "price": Decimal("400.00"),
        "recommended_prior_units": ["sotl"],
        "summary": "A six-week asynchronous workshop. We encourage taking SOTL first; "
        "it is a recommendation, not a requirement.",
    },
    {
        **CMTE_WORKSHOP,
        "title": "The Online Classroom: Strategies for Higher Ed Teaching and Learning",
        "short_name": "The Online Classroom",
        "slug": "the-online-classroom",
        "position": 3,
        "audience": "Higher-education faculty",
        "weeks": 4,
        "hours_per_week_min": 4,
        "hours_per_week_max": 5,
        "price": Decimal("375.00"),
        "group_tiers": [
            {"min_participants": 4, "kind": "per_person", "price_per_person": 295}
        ],
        "summary": "A four-week asynchronous workshop centred on higher education.",
    },
    _cael("Developing Myself", "cael-developing-myself", 1),
    _cael("Driving Change", "cael-driving-change", 2),
    _cael("Leading for Excellence and Equity", "cael-leading-excellence-equity", 3),
    _cael("Leading Learning", "cael-leading-learning", 4),
    _cael("Managing Evidence", "cael-managing-evidence", 5),
]
