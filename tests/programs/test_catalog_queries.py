"""The catalogue's query count does not grow with the offerings it lists, and
its cached rendering (``enrollments.catalog_views.catalog``) follows the
catalogue, the places taken and each provider's midnight."""

import datetime as dt

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import format_date
from programs.models import Unit
from tests.factories import EnrollmentFactory, OpenOfferingFactory
from tests.zones import PACIFIC, california

pytestmark = pytest.mark.django_db

URL = reverse("programs:catalog")
# The catalogue's and the places' versions (the database cache's one query;
# none on Redis): the page is rendered once per version and day.
MAX_QUERIES = 12


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose writes count as committed: its on-commit hooks run at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _catalog_queries(client, offerings_per_unit: int) -> tuple[int, bytes]:
    for unit in Unit.objects.all():
        for _ in range(offerings_per_unit):
            EnrollmentFactory(offering=OpenOfferingFactory(unit=unit))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response.content


def test_the_catalogue_query_count_does_not_grow(client, demo_catalog):
    few, _ = _catalog_queries(client, 1)
    many, page = _catalog_queries(client, 4)
    assert many == few
    assert b"Online Teaching and Learning in Action" in page


def _cached_page(client) -> tuple[int, str]:
    client.get(URL)  # the first request after a write renders the page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_cached_catalogue_reads_the_same_few_queries_at_two_sizes(
    client, committed, today
):
    # given a unit with 2 open runs
    with committed():
        unit = OpenOfferingFactory(unit__title="Sketching").unit
        OpenOfferingFactory(unit=unit)
        unit.programs.create(
            provider=unit.provider, name="Drawing", slug="drawing", is_published=True
        )
    few, page = _cached_page(client)
    assert page.count(format_date(today + dt.timedelta(days=30))) == 2

    # when 4 more are listed
    with committed():
        for _ in range(4):
            OpenOfferingFactory(unit=unit)
    many, page = _cached_page(client)

    # then the page reads as many queries, and lists all 6
    assert many == few <= MAX_QUERIES
    assert page.count(format_date(today + dt.timedelta(days=30))) == 6
    assert "Sketching" in page


def _listed_unit(committed, **offering):
    with committed():
        run = OpenOfferingFactory(**offering)
        run.unit.programs.create(
            provider=run.unit.provider,
            name="Drawing",
            slug="drawing",
            is_published=True,
        )
    return run


def test_the_last_place_taken_shows_the_run_full(client, committed):
    run = _listed_unit(committed, capacity=1, unit__title="Sketching")
    assert "(full)" not in _cached_page(client)[1]

    with committed():
        EnrollmentFactory(offering=run)

    assert "(full)" in _cached_page(client)[1]


def test_a_run_opening_tomorrow_opens_at_its_providers_midnight(
    client, committed, today
):
    # given a California run whose enrollment opens tomorrow there
    tomorrow = today + dt.timedelta(days=1)
    _listed_unit(
        committed,
        unit__provider=california(),
        enrollment_opens=tomorrow,
        enrollment_closes=today + dt.timedelta(days=20),
        start_date=today + dt.timedelta(days=30),
        end_date=today + dt.timedelta(days=60),
    )
    opens = f"enrollment opens {format_date(tomorrow)}"
    evening = dt.datetime.combine(today, dt.time(23, 50), tzinfo=PACIFIC)

    # when the page is read at 23:50 in California (tomorrow already in the
    # portal's zone), and again twenty minutes later
    with time_machine.travel(evening, tick=False):
        before = _cached_page(client)[1]
    with time_machine.travel(evening + dt.timedelta(minutes=20), tick=False):
        after = _cached_page(client)[1]

    # then it says when enrollment opens, then no more
    assert opens in before
    assert opens not in after


def test_the_cached_page_is_the_page_rendered_anew(client, committed, demo_catalog):
    with committed():
        OpenOfferingFactory(unit=Unit.objects.get(slug="sotl"), capacity=1)
    cached = _cached_page(client)[1]
    with transaction.atomic():
        # a catalogue write (of no row) in this transaction: it renders anew
        Unit.objects.filter(slug="nothing").update(title="Nothing")
        assert client.get(URL).content.decode() == cached
