"""Only portal admins read the reports; the query count does not grow with data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.services.rollup import report_rollup
from tests.factories import FacilitatorFactory, LearnerFactory, UserFactory
from tests.reports import worlds

pytestmark = pytest.mark.django_db

URLS = [
    "/admin/reports/",
    *(f"/admin/reports/{slug}.csv" for slug in ("enrollments", "invoices")),
    *(f"/admin/reports/{slug}.csv" for slug in ("reviews", "awards")),
]


@pytest.mark.parametrize("url", URLS)
def test_a_visitor_is_sent_to_the_admin_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("factory", [LearnerFactory, FacilitatorFactory])
def test_learners_and_facilitators_are_sent_to_the_admin_login(client, url, factory):
    client.force_login(factory())
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("url", URLS)
def test_staff_who_are_not_admins_get_404(client, url):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 404


def test_an_unknown_export_is_404(client):
    client.force_login(worlds.an_admin())
    assert client.get("/admin/reports/grades.csv").status_code == 404


def test_the_admin_index_links_the_reports_for_admins_only(client):
    client.force_login(worlds.an_admin())
    assert 'href="/admin/reports/"' in client.get("/admin/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert 'href="/admin/reports/"' not in client.get("/admin/").content.decode()


def _activity(reviewer, n: int, start: int) -> None:
    for number in range(start, start + n):
        learner = worlds.reviewed_learner(
            reviewer=reviewer,
            decision="met" if number % 2 else "not_met",
            email=f"learner{number}@example.org",
        )
        worlds.issued_award(learner, slug=worlds.LOYOLA_FULL)
        worlds.invoiced_learner(email=f"buyer{number}@example.org")
    report_rollup()  # the page reads the figures the worker counted


def _queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
    return len(queries), body


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_the_data(client, demo_catalog, url):
    admin = worlds.an_admin()
    client.force_login(admin)
    _activity(admin, 1, start=1)
    small, small_body = _queries(client, url)

    _activity(admin, 4, start=2)
    large, large_body = _queries(client, url)

    assert large == small
    if url.endswith(".csv"):
        assert large_body.count(b"\n") > small_body.count(b"\n")
    else:
        assert b"100.0% (1 of 1)" in small_body
        assert b"60.0% (3 of 5)" in large_body
