import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import format_date
from tests.factories import (
    EnrollmentFactory,
    GroupTierFactory,
    OfferingFactory,
    ProgramFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def upcoming_run(today: dt.date, **fields):
    """A four-week run starting in about three months, open for enrollment today
    unless ``fields`` say otherwise."""
    start = today + dt.timedelta(weeks=14)
    return OfferingFactory(
        **{
            "start_date": start,
            "end_date": start + dt.timedelta(weeks=4, days=-1),
            "enrollment_opens": today - dt.timedelta(weeks=4),
            "enrollment_closes": start - dt.timedelta(days=1),
            **fields,
        }
    )


def test_catalogue_lists_every_program_with_prices(client, demo_catalog):
    response = client.get(reverse("programs:catalog"))
    assert response.status_code == 200
    content = response.content.decode()
    for name in [
        "Certificate in Media and Technology for Education",
        "Certificate in Advanced Education Leadership",
        "ISTE Certified Educator",
        "Stacked Continuing Education Certificate",
        "CEUs for Edcamps and Conferences",
    ]:
        assert name in content
    assert "USD 375.00" in content
    assert "10 or more: 25% off the invoice" in content


def catalogue_with_query_count(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programs:catalog"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def add_program_with_units(number: int, today: dt.date) -> dt.date:
    """One more published program of three units, each with two dated runs (one
    with a learner in it) and a group tier."""
    program = ProgramFactory(name=f"Extra Program {number}")
    for index in range(3):
        unit = UnitFactory(
            provider=program.provider, title=f"Extra Unit {number}.{index}"
        )
        unit.programs.add(program)
        GroupTierFactory(unit=unit)
        first = upcoming_run(today, unit=unit)
        EnrollmentFactory(offering=first)
        later = upcoming_run(
            today,
            unit=unit,
            start_date=first.start_date + dt.timedelta(weeks=8),
            end_date=first.end_date + dt.timedelta(weeks=8),
        )
    return later.start_date


def test_catalogue_query_count_does_not_grow_with_units(client, demo_catalog, today):
    content, small = catalogue_with_query_count(client)
    assert "Extra Unit" not in content

    for number in range(3):
        later_start = add_program_with_units(number, today)
    content, large = catalogue_with_query_count(client)

    assert content.count("Extra Unit ") == 9
    assert content.count(format_date(later_start)) == 9
    assert large == small


def test_program_page_shows_its_rule(client, demo_catalog):
    response = client.get(reverse("programs:program_detail", args=["cmte"]))
    assert "At least 3 workshops completed, in any order" in response.content.decode()


def test_unit_page_shows_the_recommended_order_as_a_hint(client, demo_catalog):
    response = client.get(reverse("programs:unit_detail", args=["otla"]))
    content = response.content.decode()
    assert "We recommend taking Developing Strategies for Online Teaching" in content
    assert "it is a recommendation, not a requirement" in content.lower()


def test_unit_page_shows_required_iste_sessions(client, demo_catalog):
    response = client.get(reverse("programs:unit_detail", args=["iste-certification"]))
    content = response.content.decode()
    assert "Pre-assessment" in content
    assert "9-14 artifacts" in content
    # Only the cohorts open to enrollment on the demo's day are listed (9 required
    # sessions among them); ended cohorts are not.
    assert content.count(">required<") == 9


def test_unknown_unit_is_404(client, demo_catalog):
    response = client.get(reverse("programs:unit_detail", args=["no-such-unit"]))
    assert response.status_code == 404


def test_admin_can_open_every_catalogue_changelist(admin_client, demo_catalog):
    for model in [
        "provider",
        "credentialprogram",
        "unit",
        "offering",
        "requirement",
        "completionrule",
    ]:
        response = admin_client.get(reverse(f"admin:programs_{model}_changelist"))
        assert response.status_code == 200, model
    unit_id = __import__("programs.models").models.Unit.objects.get(slug="sotl").pk
    response = admin_client.get(reverse("admin:programs_unit_change", args=[unit_id]))
    assert response.status_code == 200


def test_ended_offering_shows_no_enroll_buttons_and_no_past_dates(client, today):
    from tests.factories import LearnerFactory

    ended = upcoming_run(
        today - dt.timedelta(weeks=52), unit__price="400.00", label="Spring 2026"
    )
    upcoming = upcoming_run(today, unit=ended.unit, label="Spring 2027")
    client.force_login(LearnerFactory())
    content = client.get(ended.unit.get_absolute_url()).content.decode()
    assert "Spring 2026" not in content
    assert format_date(ended.start_date) not in content
    assert reverse("enrollments:enroll", args=[ended.pk]) not in content
    assert f"?offering={ended.pk}" not in content
    assert reverse("enrollments:enroll", args=[upcoming.pk]) in content
    assert f"?offering={upcoming.pk}" in content
    catalogue = client.get(reverse("programs:catalog")).content.decode()
    assert format_date(ended.start_date) not in catalogue


def test_offering_not_open_yet_says_when_and_has_no_button(client, today):
    from tests.factories import LearnerFactory

    opens = today + dt.timedelta(weeks=3)
    later = upcoming_run(today, unit__price="400.00", enrollment_opens=opens)
    client.force_login(LearnerFactory())
    content = client.get(later.unit.get_absolute_url()).content.decode()
    assert f"Enrollment for {later} opens on {format_date(opens)}." in content
    assert reverse("enrollments:enroll", args=[later.pk]) not in content
