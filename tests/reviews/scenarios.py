"""Small worlds for the reviews tests, built with factories and services."""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from enrollments.models import Enrollment
from programs.models import Offering, Requirement, RubricCriterion
from reviews.services.reviews import review_score
from reviews.services.submissions import artifact_add, submission_submit
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    OfferingFactory,
    RequirementFactory,
    RubricCriterionFactory,
    UnitFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
ISTE_CRITERIA = [
    "Alignment with the ISTE Standards for Educators",
    "Quality and variety of artifacts",
    "Evidence of impact on learners",
    "Depth of reflection",
    "Professional growth and next steps",
]


def pdf_file(name: str = "lesson-plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("docProps/core.xml", "<coreProperties/>")
        archive.writestr("docProps/app.xml", "<Properties/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@dataclass
class World:
    offering: Offering
    requirement: Requirement
    enrollment: Enrollment
    facilitator: object
    criteria: list[RubricCriterion]


def _world(*, requirement_fields: dict, unit_fields=None, criteria=()) -> World:
    facilitator = FacilitatorFactory()
    unit = UnitFactory(**(unit_fields or {}))
    offering = OfferingFactory(unit=unit)
    offering.facilitators.add(facilitator)
    requirement = RequirementFactory(unit=unit, **requirement_fields)
    made = [
        RubricCriterionFactory(requirement=requirement, title=title, max_points=5)
        for title in criteria
    ]
    enrollment = EnrollmentFactory(offering=offering)
    return World(offering, requirement, enrollment, facilitator, made)


def iste_portfolio() -> World:
    """An ISTE cohort ending Feb 28, 2027: portfolio due six months later."""
    return _world(
        unit_fields={"kind": "course", "delivery": "cohort"},
        requirement_fields={
            "title": "E-portfolio",
            "kind": Requirement.Kind.PORTFOLIO,
            "review_mode": Requirement.ReviewMode.RUBRIC,
            "min_artifacts": 9,
            "max_artifacts": 14,
            "pass_score": 20,
            "deadline": Requirement.Deadline.AFTER_OFFERING_END,
            "deadline_months_after_end": 6,
            "shared_with_peers": True,
        },
        criteria=ISTE_CRITERIA,
    )


def loyola_full() -> World:
    return _world(
        unit_fields={"kind": "micro_credential"},
        requirement_fields={
            "title": "Competency-based project",
            "kind": Requirement.Kind.PROJECT,
            "review_mode": Requirement.ReviewMode.MET_NOT_MET,
        },
    )


def cmte_workshop() -> World:
    return _world(
        unit_fields={"kind": "workshop"},
        requirement_fields={
            "title": "Final product",
            "kind": Requirement.Kind.FINAL_PRODUCT,
            "review_mode": Requirement.ReviewMode.NONE,
            "shared_with_peers": True,
        },
    )


def add_artifacts(world: World, count: int, *, start: int = 1) -> None:
    for number in range(start, start + count):
        artifact_add(
            enrollment=world.enrollment,
            requirement=world.requirement,
            title=f"Artifact {number}",
            upload=pdf_file(f"artifact-{number}.pdf"),
            reflection=f"What artifact {number} shows about my practice.",
            standards=["learner", "designer"],
        )


def running_today(world: World) -> World:
    """Move the world's offering so that it runs today: views use the real clock."""
    today = timezone.localdate()
    Offering.objects.filter(pk=world.offering.pk).update(
        start_date=today - dt.timedelta(days=7),
        end_date=today + dt.timedelta(days=21),
    )
    world.offering.refresh_from_db()
    return world


def during_course() -> dt.datetime:
    return dt.datetime(2027, 3, 15, 12, 0, tzinfo=dt.UTC)


def submit(world: World, now: dt.datetime | None = None):
    """Submit the world's learner's draft, by default while the course runs."""
    return submission_submit(
        enrollment=world.enrollment,
        requirement=world.requirement,
        now=now or during_course(),
    )


def scores(world: World, points: list[int]) -> dict[int, tuple[int, str]]:
    return {
        criterion.pk: (value, f"Feedback on {criterion.title}.")
        for criterion, value in zip(world.criteria, points, strict=True)
    }


def scored_portfolio(points: list[int]):
    """An ISTE portfolio of nine artifacts submitted while the course runs and
    scored ``points``; returns the world and the scored version."""
    world = iste_portfolio()
    add_artifacts(world, 9)
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    review_score(
        reviewer=world.facilitator, version=version, scores=scores(world, points)
    )
    return world, version
