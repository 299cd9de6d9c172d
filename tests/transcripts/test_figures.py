"""The transcript's figures and totals, from snapshots: pure, no database."""

import datetime as dt
from decimal import Decimal

import pytest

from transcripts.entries import entry_from_snapshot, fingerprint_of, totals_of


def entry(**figures):
    snapshot = {
        "credential": figures.pop("credential", "A unit"),
        "issuer": "Loyola University Maryland",
        "credential_kind": "Micro-credential",
        "earned_on": "2026-06-01",
        **figures,
    }
    return entry_from_snapshot(
        snapshot,
        award_uuid="u",
        verification_code="AAAA-BBBB-CCCC-DDDD",
        verification_url="http://x/verify/AAAA-BBBB-CCCC-DDDD/",
        issued_on=dt.date(2026, 6, 2),
    )


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([], (None, None, None, None)),
        ([entry()], (None, None, None, None)),
        ([entry(clock_hours=60)], (60, None, None, None)),
        ([entry(clock_hours=60), entry(clock_hours=60)], (120, None, None, None)),
        (
            [entry(estimated_hours=15, cpd_credits="1.0"), entry(estimated_hours=5)],
            (None, 20, Decimal("1.0"), None),
        ),
        (
            [entry(cpd_credits="1.0"), entry(cpd_credits="1.5"), entry(ceus="0.6")],
            (None, None, Decimal("2.5"), Decimal("0.6")),
        ),
        (
            [entry(ceus="0.6"), entry(ceus="1.2"), entry()],
            (None, None, None, Decimal("1.8")),
        ),
    ],
    ids=[
        "none",
        "no-figures",
        "one-letter",
        "two-letters",
        "hours-and-cpd",
        "cpd-ceu",
        "ceus",
    ],
)
def test_totals_sum_only_the_figures_given(entries, expected):
    totals = totals_of(entries)

    assert (
        totals.clock_hours,
        totals.estimated_hours,
        totals.cpd_credits,
        totals.ceus,
    ) == expected
    assert totals.any == any(v is not None for v in expected)


def test_a_missing_figure_is_none_not_zero():
    assert entry().cpd_credits is None
    assert entry(cpd_credits="0.5").cpd_credits == Decimal("0.5")


def test_the_fingerprint_changes_with_what_the_pdf_prints():
    base = fingerprint_of(name="Lucía", entries=[entry(clock_hours=60)])

    assert base == fingerprint_of(name="Lucía", entries=[entry(clock_hours=60)])
    assert base != fingerprint_of(name="Lucia", entries=[entry(clock_hours=60)])
    assert base != fingerprint_of(name="Lucía", entries=[entry(clock_hours=30)])
    assert base != fingerprint_of(name="Lucía", entries=[])
