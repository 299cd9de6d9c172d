"""The report page and the four CSV downloads on the demo data."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from certificates.models import Award
from enrollments.models import Enrollment, Invoice
from programs.models import CredentialProgram
from reviews.models import Review

pytestmark = pytest.mark.django_db

READ_AT = dt.datetime(2026, 12, 2, 12, tzinfo=timezone.get_default_timezone())
ISTE_FACILITATOR = "Felix Facilitator"


@pytest.fixture
def reading(admin_client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: READ_AT)
    return admin_client


def download(client, slug: str, query: str = "") -> list[list[str]]:
    response = client.get(f"/admin/reports/{slug}.csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slug}-2026-12-02.csv"'
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def row_of(rows: list[list[str]], first: str) -> list[str]:
    (row,) = [row for row in rows if row[0] == first]
    return row


def test_the_page_shows_the_chart_and_the_tables(reading):
    response = reading.get("/admin/reports/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="img" aria-labelledby="awards-chart-title awards-chart-desc"' in page
    assert '<desc id="awards-chart-desc">November 2026: 7</desc>' in page
    assert '<desc id="pass-chart-desc">' in page
    months = response.context["months"]
    assert [(m.month, m.issued, m.revoked) for m in months] == [
        (dt.date(2026, 11, 1), 7, 0)
    ]
    assert '<th scope="row">November 2026</th>' in page
    assert "Technology Integration (Full) · Fall 2026" in page
    assert "0.0% (0 of 1)" in page
    assert 'href="/admin/reports/awards.csv"' in page


def test_filters_narrow_the_page_and_reach_the_downloads(reading):
    iste = CredentialProgram.objects.get(slug="iste-certified-educator")

    response = reading.get(f"/admin/reports/?program={iste.pk}&date_to=2026-11-30")

    assert response.status_code == 200
    offerings = [str(row.subject) for row in response.context["rows"]["offerings"]]
    assert offerings == [
        "ISTE Certification · Fully online cohort · Spring 2027",
        "ISTE Certification · METC online cohort · Spring 2026",
    ]
    assert (
        f'href="/admin/reports/reviews.csv?program={iste.pk}&amp;date_to=2026-11-30"'
        in response.content.decode()
    )
    rows = download(reading, "reviews", f"?program={iste.pk}&date_to=2026-11-30")
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
    assert row_of(enrollments, str(lena.pk)) == [
        str(lena.pk),
        *("Lena Learner", "learner1@demo.test", "Lincoln Elementary"),
        "Harvard Graduate School of Education, Professional Education",
        "Developing Strategies for Online Teaching and Learning",
        *("Fall 2026", "2026-11-09", "2026-12-06", "Active", ""),
        *("2026-11-23", "", "", lena.invoice.number),
    ]
    assert len(enrollments) == 1 + Enrollment.objects.count()

    invoices = download(reading, "invoices")
    assert invoices[0] == [
        *("Invoice number", "Status", "Billed to", "Email", "Organisation"),
        *("Provider", "Unit", "Offering", "Billed for", "Seats", "Total"),
        *("Currency", "Issued on", "Received"),
    ]
    group = Invoice.objects.get(order__isnull=False)
    assert row_of(invoices, group.number) == [
        *(group.number, "Partly paid", "Luis Learner", "learner2@demo.test"),
        "Baltimore County PS",
        "Harvard Graduate School of Education, Professional Education",
        *("Developing Strategies for Online Teaching and Learning", "Spring 2027"),
        *("group order", "10", "3000.00", "USD", "2026-11-23", "1500.00"),
    ]

    reviews = download(reading, "reviews")
    assert reviews[0] == [
        *("Review ID", "Learner", "Email", "Organisation", "Provider", "Unit"),
        *("Offering", "Requirement", "Version", "Submitted on", "Reviewed on"),
        *("Reviewer", "Reviewed by", "Decision", "Points", "Out of", "Pass mark"),
        "Passed",
    ]
    scored = Review.objects.get(decision=Review.Decision.SCORED)
    assert row_of(reviews, str(scored.pk)) == [
        *(str(scored.pk), "Lucía Learner-Ortega", "learner3@demo.test", "Riverside HS"),
        *("ISTE", "ISTE Certification for Educators"),
        *(scored.version.submission.enrollment.offering.label, "E-portfolio", "1"),
        *(scored.version.submitted_at.date().isoformat(), "2026-11-23"),
        *(ISTE_FACILITATOR, "facilitator", "Scored", "22", "25", "20", "yes"),
    ]

    awards = download(reading, "awards")
    assert awards[0] == [
        *("Verification code", "Learner", "Email", "Organisation", "Credential"),
        *("Type", "Provider", "Status", "Earned on", "Issued on", "Revoked on"),
        *("Reason for revocation", "Verification URL"),
    ]
    certified = Award.objects.get(program__slug="iste-certified-educator")
    assert row_of(awards, certified.verification_code) == [
        *(certified.verification_code, "Lucía Learner-Ortega", "learner3@demo.test"),
        *("Riverside HS", "ISTE Certified Educator", "program"),
        "ISTE",
        *("Issued", "2026-11-23", "2026-11-23", "", "", certified.verification_url),
    ]
    assert len(awards) == 1 + 7
