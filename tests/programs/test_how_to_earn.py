"""A credential's page states every condition of earning it, from the rule rows
the evaluators read; the catalogue names its columns on a phone, a one-day event
reads as one day, and the ISTE cohorts show their formats (issue 16, item 8)."""

import datetime as dt

import pytest
from django.urls import reverse

from core import clock
from core.dates import format_date
from programs.models import CompletionRule, Offering, Session
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

SATURDAY = 5
NOON = 12


def _page(client, name, slug=None) -> str:
    url = reverse(f"programs:{name}", args=[slug] if slug else [])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_iste_states_the_pass_mark_the_deadline_and_the_pieces(client, demo_catalog):
    page = _page(client, "program_detail", "iste-certified-educator")

    assert "To complete ISTE Certification" in page
    assert "E-portfolio scored at least 20 of 25 (80%)" in page
    assert "E-portfolio submitted within 6 months of the end of the run" in page
    assert "Pre-assessment and Attendance at the required virtual sessions done" in page


def test_the_text_follows_the_rule_rows(client, demo_catalog):
    # given an admin raising ISTE's pass mark
    rule = CompletionRule.objects.get(
        unit__slug="iste-certification", kind=CompletionRule.Kind.MIN_SCORE
    )
    rule.requirement.pass_score = 21
    rule.requirement.save()

    page = _page(client, "program_detail", "iste-certified-educator")

    assert "E-portfolio scored at least 21 of 25 (84%)" in page


def test_workshops_with_the_same_conditions_are_stated_once(client, demo_catalog):
    page = _page(client, "program_detail", "cmte")

    assert "At least 3 workshops completed, in any order" in page
    assert page.count("Final product done") == 1
    assert "To complete SOTL, OTLA or The Online Classroom" in page


def test_stacked_micro_credentials_name_their_prerequisites(client, demo_catalog):
    page = _page(client, "program_detail", "loyola-stacked-certificate")

    assert "Stacked Micro-credential 1: Digital Tools Foundations completed first" in (
        page
    )
    assert "Reflective activity reviewed Met" in page
    assert "Knowledge check done" in page


def test_a_one_day_event_reads_as_one_day(demo_catalog, today):
    event = Offering.objects.filter(unit__slug="loyola-ceu-edcamps-conferences")[0]
    workshop = OfferingFactory(start_date=today, end_date=today + dt.timedelta(days=27))

    assert event.dates == format_date(event.start_date)
    assert workshop.dates == f"{format_date(today)} to {format_date(workshop.end_date)}"


def test_the_catalogue_shows_cohort_formats_and_names_each_cell(client, demo_catalog):
    page = _page(client, "catalog")

    assert "(METC online)" in page
    assert "(Fully online)" in page
    for label in ("Audience", "Length", "Upcoming dates", "Price"):
        assert f'data-label="{label}"' in page


def test_demo_sessions_meet_at_plausible_times(demo_catalog):
    local = [
        (session, clock.local_moment(session.starts_at))
        for session in Session.objects.all()
    ]
    assert len({moment.hour for _, moment in local}) > 1
    events = [moment for session, moment in local if session.kind == Session.Kind.EVENT]
    assert events
    for moment in events:
        assert moment.weekday() == SATURDAY
        assert moment.hour < NOON
