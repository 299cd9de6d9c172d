"""A requirement's new pass mark first shows who would gain or lose eligibility,
as a rule change does, then is saved, audited and evaluated (issue 20)."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from certificates.admin.pass_mark_preview import CONFIRM
from programs.models import Requirement
from tests.admin_forms import admin_change_data
from tests.programs.test_admin_pricing_warning import change_form_data

from . import journeys
from .test_rule_changes import iste_learner_scored, iste_pass_mark

pytestmark = pytest.mark.django_db


def portfolio() -> Requirement:
    return iste_pass_mark().requirement


def url_of(requirement: Requirement) -> str:
    return reverse("admin:programs_requirement_change", args=[requirement.pk])


def posted(client, requirement: Requirement, **changes):
    url = url_of(requirement)
    return client.post(url, {**change_form_data(client.get(url)), **changes})


def test_raising_the_pass_mark_names_who_would_lose_eligibility(
    superuser_client, catalog
):
    # given a learner scored 20 of 25, the pass mark
    iste_learner_scored(20, "Twenty Points")
    iste_learner_scored(22, "Twenty Two")
    requirement = portfolio()
    assert requirement.pass_score == 20

    # when the admin raises the pass mark to 21
    response = posted(superuser_client, requirement, pass_score=21)

    # then a preview names the learner at 20 and nothing is saved yet
    assert response.status_code == 200
    page = response.content.decode()
    assert "Would lose eligibility" in page
    assert "Twenty Points (" in page
    assert "Twenty Two (" not in page
    assert "scored at least 20 of 25" in page
    assert "scored at least 21 of 25" in page
    requirement.refresh_from_db()
    assert requirement.pass_score == 20


def test_lowering_the_pass_mark_previews_then_saves_audits_and_awards(
    superuser_client, catalog, django_capture_on_commit_callbacks
):
    # given a learner scored 19, under the pass mark of 20
    learner = iste_learner_scored(19, "Nineteen Points")
    requirement = portfolio()

    # when the admin lowers it to 19: a preview names who would newly qualify
    preview = posted(superuser_client, requirement, pass_score=19)
    assert preview.status_code == 200
    assert "Would newly qualify" in preview.content.decode()
    assert "Nineteen Points (" in preview.content.decode()

    # and when they confirm it
    with django_capture_on_commit_callbacks(execute=True):
        response = posted(superuser_client, requirement, pass_score=19, **{CONFIRM: 1})

    # then it is saved, audited as a change of the score rule, and the learner
    # is awarded at once
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.pass_score == 19
    event = AuditEvent.objects.get(action=AuditEvent.Action.COMPLETION_RULE_CHANGED)
    assert event.after["newly_qualifying"] == [learner.pk]
    assert "changed by its requirement's new pass mark" in event.summary
    assert journeys.award_of(learner, unit="iste-certification") is not None


def test_a_pass_mark_change_that_reaches_nobody_saves_at_once(
    superuser_client, catalog
):
    # given only a learner far above the pass mark
    iste_learner_scored(25, "Full Marks")
    requirement = portfolio()

    response = posted(superuser_client, requirement, pass_score=21)

    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.pass_score == 21
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.COMPLETION_RULE_CHANGED
    ).exists()


def test_the_unit_pages_row_sends_a_pass_mark_that_reaches_someone_to_its_preview(
    superuser_client, catalog
):
    # given a learner scored 20, and the unit page with the portfolio's row
    # given a pass mark of 21
    iste_learner_scored(20, "Twenty Points")
    requirement = portfolio()
    url = reverse("admin:programs_unit_change", args=[requirement.unit_id])
    data = admin_change_data(superuser_client, url, _save="Save")
    (row,) = [
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("requirements-") and value == str(requirement.pk)
    ]
    data[f"{row}-pass_score"] = "21"

    # when the admin saves the unit
    response = superuser_client.post(url, data)

    # then the row is refused with a link to the requirement's page
    assert response.status_code == 200
    assert (
        "This new pass mark changes who qualifies for "
        f'{requirement.unit}: change it on <a href="{url_of(requirement)}">the '
        "requirement's own page</a>, which first shows who would gain or "
        "lose eligibility."
    ) in response.content.decode()
    requirement.refresh_from_db()
    assert requirement.pass_score == 20
