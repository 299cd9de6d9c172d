"""The report page reads the worker's rollup: the same few queries at two sizes,
and the offerings a page at a time, each once, in the report's order."""

import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from enrollments.models import Enrollment
from reports import views
from reports.filters import ReportFilters
from reports.selectors import report_rows
from reports.services.rollup import report_rollup
from tests.factories import PortalAdminFactory

from .test_report_rollup import History, report

pytestmark = pytest.mark.django_db


def _page(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/reports/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_page_reads_a_constant_number_of_queries(client, today):
    small = History(today, seed=1)
    small.catalogue()
    small.enrollments(learners=2)
    small.money()
    report_rollup()
    # A superuser, as the benchmark's admin: a member of Admins reads three more
    # (the role, and the two permission reads of the admin's app list).
    client.force_login(PortalAdminFactory(is_superuser=True))
    few, page = _page(client)
    assert "Figures as of" in page
    assert str(small.offerings[0]) in page

    small.enrollments(learners=15)
    small.money()
    report_rollup()
    many, larger = _page(client)
    assert many == few
    assert few <= 12
    totals = report(ReportFilters())["offerings"]
    enrolled = sum(sum(row[1:4]) for row in totals)
    assert enrolled == Enrollment.objects.count()
    assert larger != page


def _offering_rows(page: str) -> list[str]:
    table = page.split('id="offerings-table"')[1].split("</table>")[0]
    return re.findall(r'<th scope="row">([^<]*)</th>', table)


def test_the_offerings_are_shown_a_page_at_a_time(client, today, monkeypatch):
    monkeypatch.setattr(views, "OFFERINGS_PER_PAGE", 3)
    history = History(today)
    history.catalogue()
    history.enrollments(learners=12)
    report_rollup()
    client.force_login(history.admin)
    rows = report_rows(filters=ReportFilters())["offerings"]
    pages = math.ceil(len(rows) / 3)
    assert pages >= 3
    shown: list[str] = []
    counts = set()
    for number in range(1, pages + 1):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/admin/reports/?page={number}").content.decode()
        counts.add(len(queries))
        on_page = _offering_rows(page)
        assert len(on_page) == min(3, len(rows) - len(shown))
        assert f"Offerings {len(shown) + 1} to {len(shown) + len(on_page)} of " in page
        shown.extend(on_page)
    # Every offering once, in the report's order, at the same cost per page.
    assert shown == [escape(str(row.subject)) for row in rows]
    assert len(counts) == 1
