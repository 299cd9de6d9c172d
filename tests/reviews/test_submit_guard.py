"""The requirement page and the submit services ask one guard: they always agree."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import format_date
from enrollments.services.extensions import extension_grant
from reviews import messages
from reviews.guards import submission_refusal
from reviews.messages import ReviewsRefused
from reviews.services.reviews import review_decide
from reviews.services.submissions import (
    artifact_add,
    draft_save,
    submission_submit,
)
from tests.factories import PortalAdminFactory
from tests.reviews.scenarios import loyola_full, pdf_file, running_today

pytestmark = pytest.mark.django_db


def page(client, world) -> str:
    client.force_login(world.enrollment.learner)
    url = reverse(
        "reviews:requirement", args=[world.enrollment.pk, world.requirement.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def draft_url(world) -> str:
    return reverse("reviews:draft", args=[world.enrollment.pk, world.requirement.pk])


def past_deadline(world):
    world.requirement.deadline = "fixed"
    world.requirement.deadline_date = timezone.localdate() - dt.timedelta(days=1)
    world.requirement.save()


def test_past_the_deadline_the_page_offers_no_form_and_the_service_refuses(client):
    # given a requirement whose deadline was yesterday and a draft saved
    world = running_today(loyola_full())
    past_deadline(world)
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    late = messages.LATE % {
        "requirement": world.requirement.title,
        "date": format_date(world.requirement.deadline_date),
    }
    # when the learner opens the page, then no form and the service's reason
    content = page(client, world)
    assert draft_url(world) not in content
    assert str(late) in content
    # and the service refuses with the same message
    with pytest.raises(ReviewsRefused) as refused:
        submission_submit(enrollment=world.enrollment, requirement=world.requirement)
    assert refused.value.message == late


def test_a_not_met_version_past_the_deadline_offers_no_resubmit_form(client):
    world = running_today(loyola_full())
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement
    )
    review_decide(
        reviewer=world.facilitator,
        version=version,
        decision="not_met",
        feedback="Revise the goals.",
    )
    assert draft_url(world) in page(client, world)
    past_deadline(world)
    assert draft_url(world) not in page(client, world)
    assert "Overdue" in page(client, world)


def test_an_extension_opens_the_form_again(client):
    world = running_today(loyola_full())
    past_deadline(world)
    extension_grant(
        granted_by=PortalAdminFactory(),
        enrollment=world.enrollment,
        requirement=world.requirement,
        new_deadline=timezone.localdate() + dt.timedelta(days=7),
        reason="Medical leave",
    )
    today = timezone.localdate()
    assert (
        submission_refusal(
            enrollment=world.enrollment, requirement=world.requirement, today=today
        )
        is None
    )
    assert draft_url(world) in page(client, world)


def test_waiting_for_review_the_page_says_what_the_service_would(client):
    world = running_today(loyola_full())
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    submission_submit(enrollment=world.enrollment, requirement=world.requirement)
    content = page(client, world)
    assert draft_url(world) not in content
    assert str(messages.WAITING_FOR_REVIEW % {"number": 1}) in content


def test_a_revision_draft_names_the_files_it_carries_over(client):
    # given a file submitted and reviewed Not Met
    world = running_today(loyola_full())
    artifact = artifact_add(
        enrollment=world.enrollment, requirement=world.requirement, upload=pdf_file()
    )
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement
    )
    review_decide(
        reviewer=world.facilitator, version=version, decision="not_met", feedback="x"
    )
    assert "carries over" not in page(client, world)

    # when the learner starts the revision
    draft_save(enrollment=world.enrollment, requirement=world.requirement)

    # then the draft says which file came with it from version 1
    assert f"This draft carries over from version 1: “{artifact.title}”." in page(
        client, world
    )
