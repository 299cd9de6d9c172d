"""ISTE (METC delivers it): the ISTE Certification cohorts and the Certified
Educator credential."""

from typing import Any

ISTE = "iste"

PROVIDER = {
    "slug": ISTE,
    "name": "ISTE",
    "short_name": "ISTE",
    "website": "https://iste.org",
    "delivery_partner": "METC",
    "signatory_name": "ISTE Certification Team",
    "signatory_title": "International Society for Technology in Education",
    "payment_instructions": (
        "Pay by card or bank transfer through ISTE's order desk, quoting the "
        "invoice number; METC members may pay through their district's purchase "
        "order."
    ),
    "contact_email": "certification@iste.demo.test",
}

PROGRAMS: list[dict[str, Any]] = [
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
]

ISTE_RUBRIC = [
    ("Alignment with the ISTE Standards for Educators", 5),
    ("Quality and variety of artifacts", 5),
    ("Evidence of impact on learners", 5),
    ("Depth of reflection", 5),
    ("Professional growth and next steps", 5),
]

UNITS = [
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
            # Passed at the E-portfolio's pass mark (its ``pass_score``, 20).
            {"kind": "min_score", "requirement": "E-portfolio"},
            {"kind": "within_deadline", "requirement": "E-portfolio"},
        ],
        "iste_cohorts": True,
    },
]
