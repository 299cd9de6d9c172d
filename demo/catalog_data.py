"""The four seed systems of ../shared/CATALOG.md as data.

Every figure comes from the source documents. Where a source names no value (the
individual price of SOTL and OTLA, the titles of Loyola's micro-credentials, the
rubric's criteria) the value here is a demo value an admin would configure; the
README lists them.
"""

from decimal import Decimal
from typing import Any

HGSE = "hgse"
ISTE = "iste"
LOYOLA = "loyola"

PROVIDERS = [
    {
        "slug": HGSE,
        "name": "Harvard Graduate School of Education, Professional Education",
        "short_name": "HGSE",
        "website": "https://www.gse.harvard.edu/professional-education",
        "signatory_name": "Professional Education",
        "signatory_title": "Harvard Graduate School of Education",
    },
    {
        "slug": ISTE,
        "name": "ISTE",
        "short_name": "ISTE",
        "website": "https://iste.org",
        "delivery_partner": "METC",
        "signatory_name": "ISTE Certification Team",
        "signatory_title": "International Society for Technology in Education",
    },
    {
        "slug": LOYOLA,
        "name": "Loyola University Maryland",
        "short_name": "Loyola",
        "website": "https://www.loyola.edu",
        "signatory_name": "Irene Bal",
        "signatory_title": "Lecturer in Educational Technology",
    },
]

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
    {
        "slug": "iste-certified-educator",
        "provider": ISTE,
        "name": "ISTE Certified Educator",
        "short_name": "ISTE Certification",
        "kind": "certification",
        "summary": (
            "A cohort with a facilitator, then up to six months to submit an "
            "e-portfolio of 9 to 14 artifacts with reflections tied to the ISTE "
            "Standards for Educators. A portfolio scored 20/25 (80%) or higher earns "
            "ISTE Certified Educator status."
        ),
        "audience": "Educators, leaders and coaches.",
        "rules": [{"kind": "units_completed", "min_count": 1}],
    },
    {
        "slug": "loyola-full-micro-credentials",
        "provider": LOYOLA,
        "name": "Loyola Full Micro-credentials",
        "short_name": "Loyola Full",
        "kind": "micro_credential",
        "summary": (
            "Facilitated micro-credentials of about 15 hours. A facilitator reviews "
            "every submission Met / Not Met; Not Met comes with feedback and you may "
            "revise and resubmit. Completion earns a Continuing Education Certificate "
            "and, for participants in Maryland or Maryland certified, an MSDE CPD "
            "Completion for Credit Form (1 CPD credit)."
        ),
        "audience": "Educators in classroom and non-classroom roles.",
        "rules": [],
    },
    {
        "slug": "loyola-stacked-certificate",
        "provider": LOYOLA,
        "name": "Stacked Continuing Education Certificate",
        "short_name": "Loyola Stacked",
        "kind": "stacked_certificate",
        "summary": (
            "Non-facilitated micro-credentials of about 5 hours with automatic "
            "feedback and open enrollment. They build upon one another; each earns a "
            "badge, and a complete stack earns the Stacked Continuing Education "
            "Certificate. Not approved for MSDE CPD credit."
        ),
        "audience": "Educators in classroom and non-classroom roles.",
        "rules": [{"kind": "units_completed", "min_count": None}],
    },
    {
        "slug": "loyola-ceu",
        "provider": LOYOLA,
        "name": "CEUs for Edcamps and Conferences",
        "short_name": "Loyola CEU",
        "kind": "ceu",
        "summary": (
            "Attend an Edcamp or conference and write a reflection; both are reviewed "
            "for completion and a certificate of CEUs is emailed to you."
        ),
        "audience": "Educators attending Edcamps and conferences.",
        "rules": [],
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


ISTE_RUBRIC = [
    ("Alignment with the ISTE Standards for Educators", 5),
    ("Quality and variety of artifacts", 5),
    ("Evidence of impact on learners", 5),
    ("Depth of reflection", 5),
    ("Professional growth and next steps", 5),
]

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
    {
        "provider": ISTE,
        "programs": ["iste-certified-educator"],
        "title": "ISTE Certification for Educators",
        "short_name": "ISTE Certification",
        "slug": "iste-certification",
        "kind": "course",
        "delivery": "cohort",
        "weeks": 14,
        "estimated_hours": 30,
        "audience": "Educators, leaders and coaches",
        "summary": (
            "A cohort with a facilitator and required virtual sessions, then up to six "
            "months to submit an e-portfolio of 9-14 artifacts with reflections tied "
            "to the ISTE Standards for Educators. Passing score 20/25 (80%)."
        ),
        "requirements": [
            {
                "title": "Pre-assessment",
                "kind": "pre_assessment",
                "review_mode": "none",
                "deadline": "before_first_session",
                "instructions": "Required before attending the first session.",
            },
            {
                "title": "Attendance at the required virtual sessions",
                "kind": "attendance",
                "review_mode": "none",
                "accepts_files": False,
                "accepts_text": False,
                "accepts_links": False,
            },
            {
                "title": "E-portfolio",
                "kind": "portfolio",
                "review_mode": "rubric",
                "min_artifacts": 9,
                "max_artifacts": 14,
                "pass_score": 20,
                "deadline": "after_end",
                "deadline_months_after_end": 6,
                "shared_with_peers": True,
                "rubric": ISTE_RUBRIC,
                "instructions": (
                    "9 to 14 artifacts, each with a reflection and the ISTE Standards "
                    "for Educators it demonstrates. Due within six months of the "
                    "course end. ISTE Certification Evaluators score it; 20/25 (80%) "
                    "or higher passes."
                ),
            },
        ],
        "rules": [
            {"kind": "required_pieces"},
            {
                "kind": "min_score",
                "requirement": "E-portfolio",
                "min_score": 20,
                "out_of": 25,
            },
            {"kind": "within_deadline", "requirement": "E-portfolio"},
        ],
        "iste_cohorts": True,
    },
    {
        "provider": LOYOLA,
        "programs": ["loyola-full-micro-credentials"],
        "title": "Full Micro-credential: Technology Integration for Learning",
        "short_name": "Technology Integration (Full)",
        "slug": "loyola-full-technology-integration",
        "kind": "micro_credential",
        "delivery": "facilitated",
        "estimated_hours": 15,
        "cpd_credits": Decimal("1.0"),
        "price": Decimal("175.00"),
        "audience": "Educators in classroom and non-classroom roles",
        "summary": (
            "About 15 hours of self-paced work with an expert facilitator between "
            "fixed start and end dates; the content stays open afterwards. Approved "
            "by MSDE for one CPD credit."
        ),
        "requirements": [
            {
                "title": "Module activities",
                "kind": "project",
                "review_mode": "met_not_met",
            },
            {
                "title": "Competency-based project",
                "kind": "project",
                "review_mode": "met_not_met",
            },
        ],
        "rules": [{"kind": "all_met"}],
        "runs_per_year": 2,
        "content_open_after_end": True,
        "sessions": [],
    },
]

STACK = [
    ("Digital Tools Foundations", "loyola-stacked-digital-tools-foundations"),
    ("Designing with Digital Tools", "loyola-stacked-designing-with-digital-tools"),
    ("Leading with Digital Tools", "loyola-stacked-leading-with-digital-tools"),
]

for position, (title, slug) in enumerate(STACK, start=1):
    UNITS.append(
        {
            "provider": LOYOLA,
            "programs": ["loyola-stacked-certificate"],
            "title": f"Stacked Micro-credential {position}: {title}",
            "short_name": title,
            "slug": slug,
            "position": position,
            "kind": "micro_credential",
            "delivery": "asynchronous",
            "estimated_hours": 5,
            "price": Decimal("50.00"),
            "audience": "Educators in classroom and non-classroom roles",
            "summary": "About 5 hours, self-paced, with automatic feedback and open "
            "enrollment. "
            + (
                f"Builds on Stacked Micro-credential {position - 1}: "
                f"{STACK[position - 2][0]}."
                if position > 1
                else "The first of the stack: no prerequisite."
            ),
            "prerequisites": [s for _, s in STACK[: position - 1]][-1:],
            "requirements": [
                {
                    "title": "Knowledge check",
                    "kind": "checklist",
                    "review_mode": "automatic",
                    "accepts_files": False,
                    "accepts_links": False,
                },
                {
                    "title": "Reflective activity",
                    "kind": "reflection",
                    "review_mode": "met_not_met",
                },
            ],
            "rules": [
                {"kind": "prerequisites"},
                {"kind": "all_met"},
                {"kind": "required_pieces"},
            ],
            "open_enrollment": True,
        }
    )

UNITS.append(
    {
        "provider": LOYOLA,
        "programs": ["loyola-ceu"],
        "title": "CEU for Edcamps and Conferences",
        "short_name": "CEU",
        "slug": "loyola-ceu-edcamps-conferences",
        "kind": "event",
        "delivery": "facilitated",
        "price": Decimal("25.00"),
        "audience": "Educators attending an Edcamp or conference",
        "summary": "Time commitment depends on the event. Attendance and a reflection "
        "are reviewed for completion; the certificate of CEUs is emailed.",
        "requirements": [
            {
                "title": "Event attendance",
                "kind": "attendance",
                "review_mode": "none",
                "accepts_files": False,
                "accepts_text": False,
                "accepts_links": False,
            },
            {"title": "Reflection", "kind": "reflection", "review_mode": "met_not_met"},
        ],
        "rules": [{"kind": "required_pieces"}, {"kind": "all_met"}],
        "ceu_events": ["Edcamp", "Education technology conference"],
    }
)
