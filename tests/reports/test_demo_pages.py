"""The report page and the four CSV downloads on the demo data, loaded and read
on the test's day: dates come from the session clock and the demo's own rows."""

import csv
import datetime as dt
import io
from collections import Counter

import pytest

from certificates.models import Award
from core import clock
from demo.awards import SCORED_AFTER
from enrollments.models import Enrollment, Invoice
from programs.models import CredentialProgram
from reviews.models import Review
from tests.catalog import demo_offering

pytestmark = pytest.mark.django_db

ISTE_FACILITATOR = "Felix Facilitator"


@pytest.fixture
def reading(admin_client, today):
    """The admin, reading on the day the demo was loaded (the session's clock)."""
    admin_client.today = today
    return admin_client


def download(client, slug: str, query: str = "") -> list[list[str]]:
    response = client.get(f"/admin/reports/{slug}.csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slug}-{client.today.isoformat()}.csv"'
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def row_of(rows: list[list[str]], first: str) -> list[str]:
    (row,) = [row for row in rows if row[0] == first]
    return row


def issued_months() -> list[tuple[dt.date, int]]:
    """Each month from the first demo award's to the last's (learner3's nine
    issued and learner4's one, months before the load day; the awards a re-issue
    and a renewal superseded are no longer issued), with the awards issued in it."""
    counts = Counter(
        clock.local_day(issued_at).replace(day=1)
        for issued_at in Award.objects.filter(status=Award.Status.ISSUED).values_list(
            "issued_at", flat=True
        )
    )
    assert counts.total() == 10
    months, month = [], min(counts)
    while month <= max(counts):
        months.append((month, counts[month]))
        month = (month + dt.timedelta(days=31)).replace(day=1)
    return months


def test_the_page_shows_the_chart_and_the_tables(reading):
    response = reading.get("/admin/reports/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="img" aria-labelledby="awards-chart-title awards-chart-desc"' in page
    expected = issued_months()
    bars = "; ".join(f"{month:%B %Y}: {count}" for month, count in expected)
    assert f'<desc id="awards-chart-desc">{bars}</desc>' in page
    assert '<desc id="pass-chart-desc">' in page
    months = response.context["months"]
    assert [(m.month, m.issued, m.revoked) for m in months] == [
        (month, count, 0) for month, count in expected
    ]
    for month, _count in expected:
        assert f'<th scope="row">{month:%B %Y}</th>' in page
    # learner1's and learner2's Loyola run, under way: learner2's work Not Met
    loyola = demo_offering(
        "loyola-full-technology-integration", "current", today=reading.today
    )
    assert f'<th scope="row">{loyola}</th>' in page
    assert "0.0% (0 of 1)" in page
    assert 'href="/admin/reports/awards.csv"' in page


def test_filters_narrow_the_page_and_reach_the_downloads(reading):
    iste = CredentialProgram.objects.get(slug="iste-certified-educator")

    day = reading.today.isoformat()

    response = reading.get(f"/admin/reports/?program={iste.pk}&date_to={day}")

    assert response.status_code == 200
    offerings = [str(row.subject) for row in response.context["rows"]["offerings"]]
    # learner3's cohort, ended, and learner2's, the next one
    ended, next_one = (
        Enrollment.objects.get(
            learner__email=email, offering__unit__slug="iste-certification"
        ).offering
        for email in ("learner3@demo.test", "learner2@demo.test")
    )
    assert ended.end_date < reading.today < next_one.start_date
    assert offerings == sorted([str(ended), str(next_one)])
    assert (
        f'href="/admin/reports/reviews.csv?program={iste.pk}&amp;date_to={day}"'
        in response.content.decode()
    )
    rows = download(reading, "reviews", f"?program={iste.pk}&date_to={day}")
    assert [(row[1], row[7]) for row in rows[1:]] == [
        ("Lucía Learner-Ortega", "E-portfolio")
    ]


def test_reversed_dates_are_refused_with_a_message(reading):
    response = reading.get("/admin/reports/?date_from=2026-12-01&date_to=2026-11-01")

    assert response.status_code == 400
    page = response.content.decode()
    assert "The start of the date range is after its end." in page
    assert "Correct the filters: nothing was counted." in page
    assert "rows" not in response.context
    assert reading.get("/admin/reports/awards.csv?date_from=x").status_code == 400


def test_each_download_has_its_columns_and_the_demo_rows(reading):
    enrollments = download(reading, "enrollments")
    assert enrollments[0] == [
        *("Enrollment ID", "Learner", "Email", "Organisation", "Provider", "Unit"),
        *("Offering", "Offering start", "Offering end", "Status", "Track"),
        *("Enrolled on", "Completed on", "Group order ID", "Invoice number"),
    ]
    lena = Enrollment.objects.get(
        learner__email="learner1@demo.test", offering__unit__slug="sotl"
    )
    # in the run under way, enrolled on the last day it took enrollments
    run = lena.offering
    assert run.start_date <= reading.today <= run.end_date
    assert row_of(enrollments, str(lena.pk)) == [
        str(lena.pk),
        *("Lena Learner", "learner1@demo.test", "Lincoln Elementary"),
        "Harvard Graduate School of Education, Professional Education",
        "Developing Strategies for Online Teaching and Learning",
        *(run.label, run.start_date.isoformat(), run.end_date.isoformat()),
        *("Active", "", run.enrollment_closes.isoformat()),
        *("", "", lena.invoice.number),
    ]
    assert len(enrollments) == 1 + Enrollment.objects.count()

    invoices = download(reading, "invoices")
    assert invoices[0] == [
        *("Invoice number", "Status", "Billed to", "Email", "Organisation"),
        *("Provider", "Unit", "Offering", "Billed for", "Seats", "Total"),
        *("Currency", "Issued on", "Received"),
    ]
    # the group order in the next run, open on the load day: invoiced that day
    group = Invoice.objects.get(order__isnull=False)
    next_run = group.order.offering
    assert reading.today < next_run.start_date
    assert row_of(invoices, group.number) == [
        *(group.number, "Partly paid", "Luis Learner", "learner2@demo.test"),
        "Baltimore County PS",
        "Harvard Graduate School of Education, Professional Education",
        *("Developing Strategies for Online Teaching and Learning", next_run.label),
        *("group order", "10", "3000.00", "USD", reading.today.isoformat()),
        "1500.00",
    ]

    reviews = download(reading, "reviews")
    assert reviews[0] == [
        *("Review ID", "Learner", "Email", "Organisation", "Provider", "Unit"),
        *("Offering", "Requirement", "Version", "Submitted on", "Reviewed on"),
        *("Reviewer", "Reviewed by", "Decision", "Points", "Out of", "Pass mark"),
        "Passed",
    ]
    # learner3's portfolio, sent after the cohort ended and scored a week later
    scored = Review.objects.get(decision=Review.Decision.SCORED)
    sent_on = clock.local_day(scored.version.submitted_at)
    scored_on = sent_on + SCORED_AFTER
    assert scored.version.submission.enrollment.offering.end_date < sent_on
    assert scored_on < reading.today
    assert row_of(reviews, str(scored.pk)) == [
        *(str(scored.pk), "Lucía Learner-Ortega", "learner3@demo.test", "Riverside HS"),
        *("ISTE", "ISTE Certification for Educators"),
        *(scored.version.submission.enrollment.offering.label, "E-portfolio", "1"),
        *(sent_on.isoformat(), scored_on.isoformat()),
        *(ISTE_FACILITATOR, "facilitator", "Scored", "22", "25", "20", "yes"),
    ]

    awards = download(reading, "awards")
    assert awards[0] == [
        *("Verification code", "Learner", "Email", "Organisation", "Credential"),
        *("Type", "Provider", "Status", "Earned on", "Issued on", "Revoked on"),
        *("Reason for revocation", "Verification URL"),
    ]
    # earned by that score, and issued the same day
    certified = Award.objects.get(program__slug="iste-certified-educator")
    assert row_of(awards, certified.verification_code) == [
        *(certified.verification_code, "Lucía Learner-Ortega", "learner3@demo.test"),
        *("Riverside HS", "ISTE Certified Educator", "program"),
        "ISTE",
        *("Issued", scored_on.isoformat(), scored_on.isoformat(), "", ""),
        certified.verification_url,
    ]
    assert len(awards) == 1 + 12  # ten issued, two superseded
