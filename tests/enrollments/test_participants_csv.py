"""Reading a group's participants from a CSV upload or typed lines."""

import pytest

from enrollments.group_orders.participants_csv import parse_csv, parse_lines


def test_csv_with_header_gives_names_and_lowercased_emails():
    parsed = parse_csv(
        "name,email\nAda Lovelace,Ada@Example.org\nAlan Turing,alan@example.org\n"
    )
    assert parsed.errors == []
    assert parsed.participants == [
        ("Ada Lovelace", "ada@example.org"),
        ("Alan Turing", "alan@example.org"),
    ]


def test_csv_tolerates_bom_blank_lines_whitespace_and_windows_line_ends():
    text = "\ufeff Name , Email \r\n\r\n  Ada   Lovelace , ada@example.org \r\n\r\n"
    parsed = parse_csv(text)
    assert parsed.errors == []
    assert parsed.participants == [("Ada Lovelace", "ada@example.org")]


def test_csv_name_with_a_comma_can_be_quoted():
    parsed = parse_csv('name,email\n"Lovelace, Ada",ada@example.org\n')
    assert parsed.participants == [("Lovelace, Ada", "ada@example.org")]


def test_csv_reports_each_bad_row_by_number():
    text = "name,email\nAda,ada@example.org\nBob,bob@\n,carol@example.org\nDan\n"
    parsed = parse_csv(text)
    assert parsed.errors == [
        "Row 3: 'bob@' is not a valid email address.",
        "Row 4: the name is missing.",
        "Row 5: give a name and an email address.",
    ]
    assert parsed.participants == [("Ada", "ada@example.org")]


def test_csv_reports_a_repeated_email_with_the_other_errors_and_both_rows():
    text = (
        "name,email\nAda,ada@example.org\nBob,bob@\n"
        "Ada L.,ADA@example.org\n,carol@example.org\n"
    )
    parsed = parse_csv(text)
    assert parsed.errors == [
        "Row 3: 'bob@' is not a valid email address.",
        "Row 4: ada@example.org is already listed on row 2.",
        "Row 5: the name is missing.",
    ]
    assert parsed.participants == [("Ada", "ada@example.org")]


def test_typed_lines_report_a_repeated_email_by_line():
    parsed = parse_lines(
        "Ada, ada@example.org\nBob, bob@example.org\nAda, ada@example.org"
    )
    assert parsed.errors == ["Line 3: ada@example.org is already listed on line 1."]
    assert [email for _, email in parsed.participants] == [
        "ada@example.org",
        "bob@example.org",
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "Ada,ada@example.org\n", "email,name\n"])
def test_csv_without_the_header_is_refused(text):
    parsed = parse_csv(text)
    assert parsed.errors == ["The first row must be the header: name,email."]
    assert parsed.participants == []


def test_typed_lines_split_on_the_last_comma():
    parsed = parse_lines(
        "Ada Lovelace, ada@example.org\n\nLovelace, Ada, ada2@example.org\n"
    )
    assert parsed.errors == []
    assert parsed.participants == [
        ("Ada Lovelace", "ada@example.org"),
        ("Lovelace, Ada", "ada2@example.org"),
    ]


def test_typed_lines_report_each_bad_line():
    parsed = parse_lines("Ada ada@example.org\n, bob@example.org\nCarol, carol@\n")
    assert parsed.errors == [
        "Line 1: write the name, a comma, then the email address.",
        "Line 2: the name is missing.",
        "Line 3: 'carol@' is not a valid email address.",
    ]
