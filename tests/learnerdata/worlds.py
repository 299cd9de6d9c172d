"""A learner who resubmitted (v1 Not Met, v2 Met), with files, in a run of a
provider; built with the reviews services."""

from dataclasses import dataclass

from django.core.files.storage import default_storage

from reviews.models import Artifact, SubmissionVersion
from reviews.services.reviews import review_decide
from reviews.services.submissions import artifact_add
from tests.factories import EnrollmentFactory
from tests.reviews.scenarios import World, during_course, loyola_full, pdf_file, submit

NOT_MET_FEEDBACK = "Add the evidence of impact on your students."


@dataclass
class Resubmitted:
    world: World
    first: SubmissionVersion
    second: SubmissionVersion


def _add_file(world: World, name: str) -> Artifact:
    return artifact_add(
        enrollment=world.enrollment,
        requirement=world.requirement,
        title=name,
        upload=pdf_file(name),
    )


def resubmitted(world: World | None = None) -> Resubmitted:
    """v1 with one file, Not Met; v2 keeps it and adds another, Met."""
    world = world or loyola_full()
    _add_file(world, "lesson-plan.pdf")
    first = submit(world)
    review_decide(
        reviewer=world.facilitator,
        version=first,
        decision="not_met",
        feedback=NOT_MET_FEEDBACK,
        now=during_course(),
    )
    _add_file(world, "student-work.pdf")
    second = submit(world)
    review_decide(
        reviewer=world.facilitator,
        version=second,
        decision="met",
        now=during_course(),
    )
    return Resubmitted(world, first, second)


def classmate(world: World) -> World:
    """Another learner of the same run, their one file reviewed Met."""
    other = World(
        world.offering,
        world.requirement,
        EnrollmentFactory(offering=world.offering),
        world.facilitator,
        world.criteria,
    )
    _add_file(other, "classmate.pdf")
    version = submit(other)
    review_decide(
        reviewer=world.facilitator, version=version, decision="met", now=during_course()
    )
    return other


def stored(artifact: Artifact) -> bool:
    return default_storage.exists(artifact.file.name)


def files_of(world: World) -> list[Artifact]:
    return list(
        Artifact.objects.filter(
            version__submission__enrollment=world.enrollment
        ).exclude(file="")
    )
