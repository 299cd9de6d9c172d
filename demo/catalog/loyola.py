"""Loyola University Maryland: the Full and Stacked micro-credentials and the
CEUs for Edcamps and conferences."""

from decimal import Decimal
from typing import Any

LOYOLA = "loyola"

PROVIDER = {
    "slug": LOYOLA,
    "name": "Loyola University Maryland",
    "short_name": "Loyola",
    "website": "https://www.loyola.edu",
    "signatory_name": "Irene Bal",
    "signatory_title": "Lecturer in Educational Technology",
    "payment_instructions": (
        "Pay by check payable to Loyola University Maryland, or send your "
        "school's purchase order, quoting the invoice number. The registration "
        "fee is the only fee."
    ),
    "contact_email": "microcredentials@loyola.demo.test",
    # A demo value (the sources state no policy): uploaded files are deleted a
    # year after their run ends. The demo's Loyola work is text, so no file is due.
    "artifact_retention_months": 12,
}

PROGRAMS: list[dict[str, Any]] = [
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

UNITS = [
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
        "earned_per_run": True,
        "ceu_events": ["Edcamp", "Education technology conference"],
    }
)
