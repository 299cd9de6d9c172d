"""load_demo gives learner3 issued awards through the real services."""

import pytest
from django.core.management import call_command

from certificates.models import Award, OutputSpec

pytestmark = pytest.mark.django_db


def held_by_learner3() -> list[str]:
    return sorted(
        Award.objects.filter(learner__email="learner3@demo.test").values_list(
            "snapshot__credential", flat=True
        )
    )


def test_learner3_holds_the_cmte_workshops_iste_and_a_stacked_badge():
    call_command("load_demo")
    awards = held_by_learner3()
    specs = OutputSpec.objects.count()

    call_command("load_demo")

    assert (
        held_by_learner3()
        == awards
        == [
            "Certificate in Media and Technology for Education",
            "Developing Strategies for Online Teaching and Learning",
            "ISTE Certification for Educators",
            "ISTE Certified Educator",
            "Online Teaching and Learning in Action",
            "Stacked Micro-credential 1: Digital Tools Foundations",
            "The Online Classroom: Strategies for Higher Ed Teaching and Learning",
        ]
    )
    assert OutputSpec.objects.count() == specs
    iste = Award.objects.get(program__slug="iste-certified-educator")
    assert iste.snapshot["results"] == {
        "units": ["ISTE Certification for Educators"],
        "scores": [],
    }
