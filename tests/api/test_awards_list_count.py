"""The admins' award list keeps its count in the shared cache (Redis) until an
award is written: a page of the list then reads no count of the whole table.
The awards are written in committed blocks: the transaction that wrote an award
counts from the database."""

import datetime as dt
import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from certificates.models import Award
from core import clock
from core.cache_aliases import PAGES
from credentials_portal.caches import caches_from
from tests.factories import LearnerFactory

from .conftest import award_make, bearer, token_for

pytestmark = pytest.mark.django_db

AWARDS = "/api/v1/awards/"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = caches_from({"REDIS_URL": REDIS_URL})
    caches[PAGES].clear()
    yield
    caches[PAGES].clear()


@pytest.fixture
def admin_api(api_client, portal_admin):
    return bearer(api_client, token_for(portal_admin))


def _awards(n: int) -> None:
    for _ in range(n):
        award_make(LearnerFactory())


def _page(client, query: str = "") -> tuple[int, dict]:
    client.get(AWARDS + query)  # counts and keeps the count (and marks the token)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(AWARDS + query)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def test_a_kept_count_makes_the_same_queries_at_two_sizes(
    admin_api, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _awards(3)
    few, small = _page(admin_api, "?page_size=2")
    with django_capture_on_commit_callbacks(execute=True):
        _awards(9)
    many, large = _page(admin_api, "?page_size=2")

    # the token with its user, the user's role, the page's rows, their
    # documents: no count
    assert few == many == 4
    assert (small["count"], len(small["results"])) == (3, 2)
    assert (large["count"], len(large["results"])) == (12, 2)
    assert large["next"].endswith("?page=2&page_size=2")
    newest = Award.objects.order_by("-created_at", "-id").first()
    assert large["results"][0]["id"] == str(newest.uuid)


def test_a_written_award_is_counted_at_once(
    admin_api, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _awards(3)
    before = _page(admin_api)[1]["count"]
    with django_capture_on_commit_callbacks(execute=True):
        _awards(1)

    after = admin_api.get(AWARDS).json()["count"]

    assert (before, after) == (3, 4)


def test_a_status_change_is_counted_at_once(
    admin_api, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _awards(3)
    issued = _page(admin_api, "?status=issued")[1]["count"]
    award = Award.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        award.status = Award.Status.SUPERSEDED
        award.save(update_fields=["status"])

    after = admin_api.get(AWARDS, {"status": "issued"}).json()["count"]
    superseded = admin_api.get(AWARDS, {"status": "superseded"}).json()["count"]

    assert (issued, after, superseded) == (3, 2, 1)


def test_each_filter_keeps_its_own_count(
    admin_api, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _awards(2)
        award_make(LearnerFactory(), status=Award.Status.SUPERSEDED)

    every = _page(admin_api)[1]["count"]
    superseded = _page(admin_api, "?status=superseded")[1]["count"]

    assert (every, superseded) == (3, 1)


def test_a_day_filter_is_counted_in_the_zone_the_request_runs_in(
    admin_api, portal_admin, shared_cache, django_capture_on_commit_callbacks
):
    """An award issued at 05:00 UTC on a day was issued that day in New York
    (the portal's zone) but on the day before in Los Angeles: an admin there (signed
    in, so the request runs in their zone) gets their own count, not one kept
    for New York."""
    day = clock.today() - dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        award_make(
            LearnerFactory(),
            issued_at=dt.datetime.combine(day, dt.time(5), tzinfo=dt.UTC),
        )
    query = f"?issued_from={day.isoformat()}&issued_to={day.isoformat()}"
    in_new_york = _page(admin_api, query)[1]["count"]
    portal_admin.time_zone = "America/Los_Angeles"
    portal_admin.save(update_fields=["time_zone"])
    signed_in = APIClient()
    signed_in.force_login(portal_admin)

    in_los_angeles = _page(signed_in, query)[1]["count"]

    assert (in_new_york, in_los_angeles) == (1, 0)
