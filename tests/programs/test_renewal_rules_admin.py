"""An admin sets what renewing a credential requires, inline on its program's or
unit's page; a renewal rule no learner can ever meet is refused with the reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import RenewalRule, Requirement
from programs.renewal_forms import (
    NEVER_EXPIRES,
    NO_UNIT_AWARDS,
    NOT_REVIEWED_MET,
    REQUIREMENT_OF_CREDENTIAL,
)
from tests.admin_forms import change_form_data, form_errors
from tests.factories import ProgramFactory, RequirementFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    """A two-year credential of one unit; another unit awards 1 CPD credit."""
    program = ProgramFactory(name="Digital Learning Leader", valid_for_months=24)
    UnitFactory(title="Course of the credential").programs.add(program)
    UnitFactory(title="Later learning", cpd_credits=Decimal("1.0"))
    return program


def post_row(admin_client, program, **row):
    url = reverse("admin:programs_credentialprogram_change", args=[program.pk])
    fields = {"opens_days_before": "90", "grace_days": "0", **row}
    data = {
        **change_form_data(admin_client.get(url)),
        "renewal_rules-TOTAL_FORMS": "1",
        **{f"renewal_rules-0-{name}": value for name, value in fields.items()},
    }
    return admin_client.post(url, data)


def test_a_credits_rule_is_saved_inline_on_the_program_page(admin_client, program):
    response = post_row(
        admin_client,
        program,
        kind="credits_since",
        measure="cpd_credits",
        min_amount="6",
        opens_days_before="120",
        grace_days="30",
    )

    assert response.status_code == 302
    rule = RenewalRule.objects.get(program=program)
    assert (rule.min_amount, rule.opens_days_before, rule.grace_days) == (
        Decimal(6),
        120,
        30,
    )
    assert rule.describe() == "6 CPD credits earned since the last award"


def test_a_credential_that_never_expires_cannot_be_renewed(admin_client, program):
    program.valid_for_months = None
    program.save()

    response = post_row(
        admin_client,
        program,
        kind="credits_since",
        measure="cpd_credits",
        min_amount="6",
    )

    assert response.status_code == 200
    assert form_errors(response) == [
        str(NEVER_EXPIRES % {"credential": "Digital Learning Leader"})
    ]
    assert not RenewalRule.objects.exists()


def test_credits_no_unit_awards_are_refused(admin_client, program):
    response = post_row(
        admin_client, program, kind="credits_since", measure="ceus", min_amount="2"
    )

    assert form_errors(response) == [str(NO_UNIT_AWARDS % {"measure": "CEUs"})]
    assert not RenewalRule.objects.exists()


def test_a_renewal_requirement_never_reviewed_met_is_refused(admin_client, program):
    reflection = RequirementFactory(
        title="Renewal reflection", review_mode=Requirement.ReviewMode.NONE
    )

    response = post_row(
        admin_client, program, kind="requirement_met", requirement=str(reflection.pk)
    )

    assert form_errors(response) == [
        str(
            NOT_REVIEWED_MET
            % {"requirement": "Renewal reflection", "mode": "Complete on submission"}
        )
    ]


def test_a_requirement_of_the_credential_itself_is_refused(admin_client, program):
    own = RequirementFactory(
        unit=program.units.get(),
        title="Final product",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
    )

    response = post_row(
        admin_client, program, kind="requirement_met", requirement=str(own.pk)
    )

    assert form_errors(response) == [
        str(
            REQUIREMENT_OF_CREDENTIAL
            % {"requirement": "Final product", "unit": "Course of the credential"}
        )
    ]


def test_a_renewal_portfolio_of_a_renewal_unit_is_saved(admin_client, program):
    portfolio = RequirementFactory(
        unit=UnitFactory(title="Renewal"),
        title="Renewal portfolio",
        review_mode=Requirement.ReviewMode.MET_NOT_MET,
    )

    response = post_row(
        admin_client,
        program,
        kind="requirement_met",
        requirement=str(portfolio.pk),
        measure="cpd_credits",  # not read by this kind: cleared
        min_amount="3",
    )

    assert response.status_code == 302
    rule = RenewalRule.objects.get(program=program)
    assert (rule.requirement, rule.measure, rule.min_amount) == (portfolio, "", None)
    assert rule.describe() == "Renewal portfolio (Renewal) reviewed Met"
