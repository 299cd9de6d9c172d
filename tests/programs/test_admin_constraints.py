"""Every database constraint of the catalogue answers with a form error in the
admin (never an IntegrityError, HTTP 500): one case per constraint, posted
through the admin page where an admin would break it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db.models import Q, UniqueConstraint
from django.test import RequestFactory
from django.urls import reverse

from programs.models import Offering, Requirement
from tests.admin_forms import change_form_data, form_errors
from tests.factories import (
    OfferingFactory,
    PortalAdminFactory,
    ProgramFactory,
    RequirementFactory,
    RubricCriterionFactory,
    SessionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

FORMSET_DUPLICATE = "Please correct the duplicate data for {}."


@pytest.fixture
def world():
    """A unit with two runs (the first with a session), a tier, a rubric-scored
    portfolio with two criteria and a Met / Not Met final product."""
    unit = UnitFactory(price=Decimal("400.00"))
    first = OfferingFactory(unit=unit, label="A run")
    OfferingFactory(unit=unit, label="B run")
    SessionFactory(offering=first)
    unit.group_tiers.create(min_participants=10, kind="percent_off", percent_off=25)
    portfolio = RequirementFactory(
        unit=unit,
        title="Portfolio",
        kind=Requirement.Kind.PORTFOLIO,
        review_mode=Requirement.ReviewMode.RUBRIC,
        min_artifacts=9,
        max_artifacts=14,
        pass_score=20,
        position=0,
    )
    RubricCriterionFactory(requirement=portfolio, title="Design", position=0)
    RubricCriterionFactory(requirement=portfolio, title="Equity", position=1)
    RequirementFactory(
        unit=unit,
        title="Final product",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
        position=1,
    )
    return {"unit": unit, "offering": first, "portfolio": portfolio}


def page_url(world, page: str) -> str:
    if page == "unit":
        return reverse("admin:programs_unit_change", args=[world["unit"].pk])
    if page == "offering":
        return reverse("admin:programs_offering_change", args=[world["offering"].pk])
    if page == "provider":
        return reverse(
            "admin:programs_provider_change", args=[world["unit"].provider.pk]
        )
    if page == "requirement":
        return reverse(
            "admin:programs_requirement_change", args=[world["portfolio"].pk]
        )
    if page == "renewal_rule":
        return reverse("admin:programs_renewalrule_add")
    return reverse("admin:programs_completionrule_add")


def rule_data(world, **fields) -> dict:
    return {
        "program": "",
        "unit": world["unit"].pk,
        "min_count": "",
        "requirement": "",
        **fields,
    }


def renewal_rule_data(world, **fields) -> dict:
    return {
        "program": "",
        "unit": world["unit"].pk,
        "kind": "credits_since",
        "measure": "cpd_credits",
        "min_amount": "6",
        "requirement": "",
        "opens_days_before": "90",
        "grace_days": "0",
        **fields,
    }


def renewal_row(**fields) -> dict:
    """A new renewal rule row on the unit page, with ``fields``."""
    row = {"opens_days_before": "90", "grace_days": "0", **fields}
    return {
        "renewal_rules-TOTAL_FORMS": "1",
        **{f"renewal_rules-0-{name}": value for name, value in row.items()},
    }


def message(constraint: str) -> str:
    for model in apps.get_app_config("programs").get_models():
        for each in model._meta.constraints:
            if each.name == constraint:
                return str(each.violation_error_message)
    raise LookupError(constraint)


# constraint: (page, the posted changes; a callable takes the world), expected error
CASES = {
    "provider_retention_at_least_a_month": (
        "provider",
        {"artifact_retention_months": "0"},
        None,
    ),
    "unit_price_not_negative": (
        "unit",
        {"price": "-1"},
        "Ensure this value is greater than or equal to 0.",  # the field's own check
    ),
    "unit_weeks_positive": ("unit", {"weeks": "0"}, None),
    "unit_weekly_hours_ordered": (
        "unit",
        {"hours_per_week_min": "5", "hours_per_week_max": "4"},
        None,
    ),
    "offering_label_unique_per_unit": ("offering", {"label": "B run"}, None),
    "offering_dates_both_or_neither": ("offering", {"end_date": ""}, None),
    "offering_ends_after_start": (
        "unit",
        {"offerings-0-start_date": "2027-03-01", "offerings-0-end_date": "2027-02-01"},
        None,
    ),
    "offering_enrollment_window_ordered": (
        "unit",
        {
            "offerings-0-enrollment_opens": "2027-01-31",
            "offerings-0-enrollment_closes": "2027-01-01",
        },
        None,
    ),
    "offering_ceus_positive": ("offering", {"ceus": "0"}, None),
    "offering_capacity_positive": ("unit", {"offerings-0-capacity": "0"}, None),
    "session_duration_positive": (
        "offering",
        {"sessions-0-duration_minutes": "0"},
        None,
    ),
    "group_tier_unique_threshold": (
        "unit",
        {
            "group_tiers-TOTAL_FORMS": "2",
            "group_tiers-1-min_participants": "10",
            "group_tiers-1-kind": "percent_off",
            "group_tiers-1-percent_off": "30",
        },
        FORMSET_DUPLICATE.format("min_participants"),
    ),
    "group_tier_at_least_two_people": (
        "unit",
        {"group_tiers-0-min_participants": "1"},
        None,
    ),
    "group_tier_amount_matches_kind": (
        "unit",
        {"group_tiers-0-percent_off": "120"},
        None,
    ),
    "requirement_title_unique_per_unit": (
        "requirement",
        {"title": "Final product"},
        None,
    ),
    "requirement_min_artifacts_positive": (
        "unit",
        {"requirements-0-min_artifacts": "0"},
        None,
    ),
    "requirement_artifact_range_ordered": (
        "unit",
        {"requirements-0-min_artifacts": "15"},
        None,
    ),
    "requirement_portfolio_has_range": (
        "requirement",
        {"max_artifacts": ""},
        None,
    ),
    "requirement_rubric_has_pass_mark": (
        "unit",
        {"requirements-0-pass_score": ""},
        None,
    ),
    "requirement_fixed_deadline_has_date": (
        "unit",
        {"requirements-1-deadline": "fixed"},
        None,
    ),
    "requirement_relative_deadline_has_delay": (
        "unit",
        {"requirements-1-deadline": "after_end"},
        None,
    ),
    "rubric_criterion_title_unique": (
        "requirement",
        {"rubric_criteria-1-title": "Design"},
        FORMSET_DUPLICATE.format("title"),
    ),
    "rubric_criterion_points_positive": (
        "requirement",
        {"rubric_criteria-0-max_points": "0"},
        None,
    ),
    "completion_rule_belongs_to_program_or_unit": (
        "rule",
        lambda world: rule_data(world, kind="all_met", unit=""),
        None,
    ),
    "completion_rule_count_positive": (
        "rule",
        lambda world: rule_data(world, kind="units_completed", min_count="0"),
        None,
    ),
    "completion_rule_score_has_requirement": (
        "rule",
        lambda world: rule_data(world, kind="min_score"),
        None,
    ),
    "completion_rule_window_has_requirement": (
        "rule",
        lambda world: rule_data(world, kind="within_deadline"),
        None,
    ),
    "renewal_rule_belongs_to_program_or_unit": (
        "renewal_rule",
        lambda world: renewal_rule_data(
            world, program=ProgramFactory(valid_for_months=24).pk
        ),
        None,
    ),
    "renewal_rule_credits_have_amount": (
        "unit",
        renewal_row(kind="credits_since", measure="cpd_credits", min_amount="0"),
        None,
    ),
    "renewal_rule_requirement_given": (
        "unit",
        renewal_row(kind="requirement_met"),
        None,
    ),
}


@pytest.mark.parametrize("constraint", sorted(CASES))
def test_the_admin_answers_a_broken_constraint_with_a_form_error(
    admin_client, world, constraint
):
    # given the page where an admin would break the constraint
    page, changes, expected = CASES[constraint]
    url = page_url(world, page)
    if callable(changes):
        data = changes(world)
    else:
        data = {**change_form_data(admin_client.get(url)), **changes}

    # when the admin saves it
    response = admin_client.post(url, data)

    # then the page answers with the constraint's message, and nothing changed
    assert response.status_code == 200
    assert (expected or message(constraint)) in form_errors(response)


def test_every_catalogue_constraint_has_its_admin_case():
    constraints = {
        each.name
        for model in apps.get_app_config("programs").get_models()
        for each in model._meta.constraints
    }

    assert constraints == set(CASES)


def test_a_dateless_fixed_deadline_in_the_unit_page_is_a_form_error(
    admin_client, world
):
    # given the unit page, whose requirement rows offer the deadline's date
    url = page_url(world, "unit")
    page = admin_client.get(url)
    assert 'name="requirements-1-deadline_date"' in page.content.decode()

    # when a row is given a fixed deadline without a date, then with one
    data = {**change_form_data(page), "requirements-1-deadline": "fixed"}
    refused = admin_client.post(url, data)
    data["requirements-1-deadline_date"] = "2027-03-15"
    saved = admin_client.post(url, data)

    # then the first is refused on the page, the second saved
    assert refused.status_code == 200
    assert "A fixed deadline needs a date." in form_errors(refused)
    assert saved.status_code == 302
    final = Requirement.objects.get(unit=world["unit"], title="Final product")
    assert final.deadline_date == dt.date(2027, 3, 15)


def referenced_fields(model, constraint) -> set[str]:
    if isinstance(constraint, UniqueConstraint):
        names = set(constraint.fields)
        if constraint.condition is not None:
            names |= Q(constraint.condition).referenced_base_fields
    else:
        names = set(Q(constraint.condition).referenced_base_fields)
    by_attname = {f.attname: f.name for f in model._meta.concrete_fields}
    return {by_attname.get(name, name) for name in names}


def admin_forms(request):
    """(admin, model, the fields its form edits, the parent's key) for every
    admin form and inline form that can add or change a row."""
    for model_admin in admin.site._registry.values():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(
            request
        ):
            form = model_admin.get_form(request)()
            yield type(model_admin).__name__, model_admin.model, set(form.fields), None
        for inline in model_admin.get_inline_instances(request):
            if not (
                inline.has_add_permission(request, None)
                or inline.has_change_permission(request)
            ):
                continue
            formset = inline.get_formset(request)(instance=model_admin.model())
            fields = set(formset.empty_form.fields)
            yield type(inline).__name__, inline.model, fields, formset.fk.name


def test_every_admin_form_checks_each_constraint_it_can_break():
    """Django checks a constraint in a form only when the form holds every field
    it reads (the others are excluded from validation); a form that edits some of
    them but not all lets the database refuse the row: HTTP 500."""
    request = RequestFactory().get("/admin/")
    request.user = PortalAdminFactory(is_superuser=True, is_staff=True)

    unchecked = [
        f"{name}: {constraint.name} reads {sorted(missing)}, not in the form"
        for name, model, fields, parent in admin_forms(request)
        for constraint in model._meta.constraints
        for reads in [referenced_fields(model, constraint) - {parent}]
        for missing in [reads - fields]
        if missing and reads & fields
    ]

    assert unchecked == []
    assert Offering._meta.constraints  # the walk reads real constraints
