"""load_demo gives learner3 issued awards through the real services."""

import datetime as dt

import pytest
import redis
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Award, AwardEvent, OutputSpec
from certificates.services.issuance import award_sweep

from .worker import REDIS_URL, redis_reachable

pytestmark = pytest.mark.django_db


def held_by_learner3() -> list[str]:
    return sorted(
        Award.objects.filter(learner__email="learner3@demo.test")
        .exclude(status=Award.Status.SUPERSEDED)
        .values_list("snapshot__credential", flat=True)
    )


def test_learner3_holds_the_cmte_workshops_iste_a_stacked_badge_and_cael_renewed():
    call_command("load_demo")
    awards = held_by_learner3()
    specs = OutputSpec.objects.count()

    call_command("load_demo")

    assert (
        held_by_learner3()
        == awards
        == [
            # the renewal (the first award it superseded is left out)
            "Certificate in Advanced Education Leadership",
            "Certificate in Media and Technology for Education",
            "Developing Strategies for Online Teaching and Learning",
            "Full Micro-credential: Technology Integration for Learning",
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


@pytest.mark.skipif(not redis_reachable(), reason=f"Redis is down at {REDIS_URL}")
def test_load_demo_with_a_broker_queues_nothing_and_emails_no_one(
    celery_broker, django_capture_on_commit_callbacks, mailoutbox
):
    # given a production-like configuration: a broker, tasks not run in-process
    broker = redis.Redis.from_url(REDIS_URL)
    broker.flushdb()
    celery_broker(REDIS_URL, eager=False)

    # when the demo is loaded (its transactions' on-commit work runs)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")

    # then learner3's awards are issued here, with their PDFs (the CAEL award
    # issued, then superseded by its renewal), and nothing was sent to the broker
    awards = Award.objects.filter(learner__email="learner3@demo.test")
    assert broker.dbsize() == 0
    # nine held; the first workshop's certificate superseded by its re-issue and
    # the first CAEL award by its renewal
    assert awards.count() == 11
    assert sorted(awards.values_list("status", flat=True)) == [
        *[Award.Status.ISSUED] * 9,
        *[Award.Status.SUPERSEDED] * 2,
    ]
    for award in awards:
        assert award.documents.count() == len(award.snapshot["documents"]), award
    assert sum(award.documents.count() for award in awards) >= 6
    # and no email goes out, now or when the sweep looks for unsent ones
    result = award_sweep(now=timezone.now() + dt.timedelta(days=1))
    assert result == {"issued": 0, "emails_queued": 0}
    # (the captured on-commit work runs after the command's silent mail backend:
    # the reviews' notifications land in the outbox, never an award's email)
    assert [m.subject for m in mailoutbox if m.attachments] == []
    assert not awards.filter(emailed_at__isnull=False).exists()
    assert not AwardEvent.objects.filter(kind=AwardEvent.Kind.EMAILED).exists()
