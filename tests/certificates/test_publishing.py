"""A new program or unit is hidden until an admin publishes it, and publishing is
refused while the checklist misses anything (issue 20, item 6)."""

import datetime as dt

import pytest
from django.urls import reverse

from certificates.models import OutputSpec
from programs.models import CompletionRule, CredentialProgram, RuleKind, Unit
from tests.factories import (
    FacilitatorFactory,
    OfferingFactory,
    ProgramFactory,
    ProviderFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(today):
    """A program with one unit and every checklist item but the unit's output
    and an offering's facilitator."""
    provider = ProviderFactory(signatory_name="Dana Dean", signatory_title="Dean")
    program = ProgramFactory(provider=provider, is_published=False)
    unit = UnitFactory(
        provider=provider, is_published=True, delivery=Unit.Delivery.FACILITATED
    )
    unit.programs.add(program)
    OfferingFactory(
        unit=unit,
        start_date=today,
        end_date=today + dt.timedelta(weeks=4),
        enrollment_opens=today - dt.timedelta(days=30),
        enrollment_closes=today,
    )
    CompletionRule.objects.create(program=program, kind=RuleKind.UNITS_COMPLETED)
    CompletionRule.objects.create(unit=unit, kind=RuleKind.ALL_SUBMISSIONS_MET)
    OutputSpec.objects.create(program=program, kind="certificate", title="Certificate")
    return program


def change_data(client, program, **changes) -> dict:
    """The program's admin form as the page fills it, with ``changes``."""
    response = client.get(
        reverse("admin:programs_credentialprogram_change", args=[program.pk])
    )
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update(
            {f"{management.prefix}-{k}": v for k, v in management.initial.items()}
        )
    data.pop("is_published", None)
    data.update(changes)
    return data


def publish(client, program):
    url = reverse("admin:programs_credentialprogram_change", args=[program.pk])
    return client.post(url, change_data(client, program, is_published="on"))


def test_a_new_program_and_unit_are_hidden_until_published(client):
    program = CredentialProgram.objects.create(
        provider=ProviderFactory(), name="New", slug="new", kind="certificate"
    )
    unit = Unit.objects.create(
        provider=program.provider,
        title="U",
        slug="u",
        kind="workshop",
        delivery="facilitated",
    )
    assert (program.is_published, unit.is_published) == (False, False)
    assert client.get(program.get_absolute_url()).status_code == 404
    assert client.get(unit.get_absolute_url()).status_code == 404


def test_the_program_page_shows_the_checklist(superuser_client, program):
    response = superuser_client.get(
        reverse("admin:programs_credentialprogram_change", args=[program.pk])
    )
    page = response.content.decode()
    unit = program.units.get()
    assert "✓ Done:</strong> Units" in page
    assert "✗ Missing:</strong> Offerings with dates and a facilitator" in page
    assert f"{unit} has no offering with dates and a facilitator" in page
    assert "✗ Missing:</strong> A certificate output" in page


def test_publishing_an_incomplete_program_is_refused_with_what_is_missing(
    superuser_client, program
):
    unit = program.units.get()
    response = publish(superuser_client, program)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["is_published"]
    assert errors == [
        "The program cannot be published yet: "
        f"Offerings with dates and a facilitator: {unit} has no offering with dates "
        f"and a facilitator · A certificate output: {unit} has none."
    ]
    program.refresh_from_db()
    assert not program.is_published


def test_a_program_whose_checklist_passes_is_published(superuser_client, program):
    unit = program.units.get()
    unit.offerings.get().facilitators.add(FacilitatorFactory())
    OutputSpec.objects.create(unit=unit, kind="certificate", title="Certificate")
    response = publish(superuser_client, program)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.is_published
    assert superuser_client.get(program.get_absolute_url()).status_code == 200


def test_a_published_program_stays_editable(superuser_client, program):
    CredentialProgram.objects.filter(pk=program.pk).update(is_published=True)
    url = reverse("admin:programs_credentialprogram_change", args=[program.pk])
    data = change_data(superuser_client, program, is_published="on", summary="New")
    assert superuser_client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert (program.summary, program.is_published) == ("New", True)


def test_a_new_program_cannot_be_published_at_once(superuser_client):
    provider = ProviderFactory()
    url = reverse("admin:programs_credentialprogram_add")
    data = {
        "provider": provider.pk,
        "name": "Brand new",
        "slug": "brand-new",
        "kind": "certificate",
        "is_published": "on",
        "completion_rules-TOTAL_FORMS": "0",
        "completion_rules-INITIAL_FORMS": "0",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Save the program unpublished first" in response.content.decode()
    assert not CredentialProgram.objects.filter(slug="brand-new").exists()
