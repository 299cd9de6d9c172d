"""Configuring a unit in the admin without surprises: the facilitator picker
offers facilitators only, the completion rule form refuses a rule its
requirement can never meet, and the unit's and run's pages warn of what no
learner could meet and of tiers that make a larger group cheaper."""

import json
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from programs.admin_forms import REQUIREMENT_ELSEWHERE, SCORE_NEEDS_RUBRIC
from programs.models import CompletionRule, Requirement
from tests.admin_forms import change_form_data, form_errors
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    OfferingFactory,
    RequirementFactory,
    SessionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def shown_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_facilitator_picker_finds_facilitators_only_with_name_and_email(
    admin_client,
):
    # given a facilitator and a learner both named Rivera
    FacilitatorFactory(legal_name="Ana Rivera", email="ana@school.example")
    LearnerFactory(legal_name="Luis Rivera", email="luis@school.example")
    url = reverse("admin:programs_offering_facilitator_autocomplete")

    # when the admin types "rivera" in the offering's facilitators
    response = admin_client.get(
        url,
        {
            "term": "rivera",
            "app_label": "programs",
            "model_name": "offering",
            "field_name": "facilitators",
        },
    )

    # then only the facilitator is offered, with name and email
    assert response.status_code == 200
    texts = [row["text"] for row in json.loads(response.content)["results"]]
    assert texts == ["Ana Rivera (ana@school.example)"]


def test_the_offering_page_refuses_a_facilitator_without_the_role(admin_client):
    offering = OfferingFactory()
    learner = LearnerFactory()
    facilitator = FacilitatorFactory()
    url = reverse("admin:programs_offering_change", args=[offering.pk])
    page = admin_client.get(url)
    assert page.context["adminform"].form.fields["facilitators"].queryset.count() == 1

    refused = admin_client.post(
        url, {**change_form_data(page), "facilitators": [learner.pk]}
    )
    saved = admin_client.post(
        url, {**change_form_data(page), "facilitators": [facilitator.pk]}
    )

    assert refused.status_code == 200
    assert any("not one of the available choices" in e for e in form_errors(refused))
    assert saved.status_code == 302
    assert list(offering.facilitators.all()) == [facilitator]


def test_facilitators_are_set_in_the_units_offering_rows(admin_client):
    offering = OfferingFactory()
    facilitator = FacilitatorFactory()
    url = reverse("admin:programs_unit_change", args=[offering.unit.pk])
    data = change_form_data(admin_client.get(url))

    response = admin_client.post(
        url, {**data, "offerings-0-facilitators": [facilitator.pk]}
    )

    assert response.status_code == 302
    assert list(offering.facilitators.all()) == [facilitator]


def rule_post(admin_client, **fields):
    data = {
        "program": "",
        "unit": "",
        "min_count": "",
        "requirement": "",
        **fields,
    }
    return admin_client.post(reverse("admin:programs_completionrule_add"), data)


def test_a_score_rule_on_a_met_not_met_requirement_is_refused(admin_client):
    final = RequirementFactory(
        title="Final", review_mode=Requirement.ReviewMode.MET_NOT_MET
    )

    response = rule_post(
        admin_client,
        unit=final.unit.pk,
        kind="min_score",
        requirement=final.pk,
    )

    assert response.status_code == 200
    assert form_errors(response) == [
        SCORE_NEEDS_RUBRIC % {"requirement": "Final", "mode": "Met / Not Met"}
    ]
    assert not CompletionRule.objects.exists()


def test_a_rule_naming_another_units_requirement_is_refused(admin_client):
    elsewhere = RequirementFactory(title="Elsewhere")
    unit = UnitFactory()

    response = rule_post(
        admin_client, unit=unit.pk, kind="within_deadline", requirement=elsewhere.pk
    )

    assert form_errors(response) == [
        REQUIREMENT_ELSEWHERE % {"requirement": "Elsewhere", "unit": elsewhere.unit}
    ]


def test_the_rule_form_keeps_only_the_fields_of_its_kind(admin_client):
    # given a rubric-scored portfolio, and a rule form posted with a count left
    # over from another kind
    portfolio = RequirementFactory(
        review_mode=Requirement.ReviewMode.RUBRIC, pass_score=20
    )
    page = admin_client.get(reverse("admin:programs_completionrule_add"))
    kinds = json.loads(
        page.context["adminform"].form.fields["kind"].widget.attrs["data-kind-fields"]
    )
    assert kinds["min_score"] == ["requirement"]

    # when it is a score rule
    preview = rule_post(
        admin_client,
        unit=portfolio.unit.pk,
        kind="min_score",
        requirement=portfolio.pk,
        min_count="3",
    )

    # then the preview carries the rule without the count
    assert preview.status_code == 200
    assert "Adding the rule" in preview.content.decode()
    assert preview.context["original"].min_count is None


def test_the_preview_back_returns_to_the_unit(admin_client):
    unit = UnitFactory()

    preview = rule_post(admin_client, unit=unit.pk, kind="all_met")

    back = reverse("admin:programs_unit_change", args=[unit.pk])
    assert f'href="{back}">Back</a>' in preview.content.decode()


def attendance_unit():
    """A unit whose completion needs its required pieces, attendance among them."""
    unit = UnitFactory(title="ISTE Cohort Course")
    RequirementFactory(unit=unit, title="Attendance", kind=Requirement.Kind.ATTENDANCE)
    CompletionRule.objects.create(unit=unit, kind="required_pieces")
    return unit


def test_a_run_without_required_sessions_warns_that_no_one_can_complete(
    admin_client,
):
    unit = attendance_unit()
    bare = OfferingFactory(unit=unit, label="Bare run")
    SessionFactory(offering=OfferingFactory(unit=unit, label="Full run"))

    on_run = admin_client.get(reverse("admin:programs_offering_change", args=[bare.pk]))
    on_unit = admin_client.get(reverse("admin:programs_unit_change", args=[unit.pk]))

    expected = (
        "ISTE Cohort Course · Bare run has no required session, so its learners "
        "can never complete “Attendance” and the rule “Attendance done” can "
        "never be met. Add the run's required sessions, or change the rule."
    )
    assert shown_messages(on_run) == [expected]
    assert shown_messages(on_unit) == [expected]


def test_a_run_with_its_required_session_has_no_warning(admin_client):
    unit = attendance_unit()
    run = OfferingFactory(unit=unit)
    SessionFactory(offering=run)

    page = admin_client.get(reverse("admin:programs_offering_change", args=[run.pk]))

    assert shown_messages(page) == []


def test_the_admin_opening_the_tiers_sees_the_price_cliff_a_leader_sees(
    admin_client,
):
    unit = UnitFactory(price=Decimal("400.00"))
    unit.group_tiers.create(min_participants=10, kind="percent_off", percent_off=25)

    page = admin_client.get(reverse("admin:programs_unit_change", args=[unit.pk]))

    assert shown_messages(page) == [
        "10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00)."
    ]
