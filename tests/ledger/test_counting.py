"""What the ledger counts: credits earned here inside the window (issued awards
only), and credits earned elsewhere once verified."""

import datetime as dt
from decimal import Decimal

import pytest

from certificates.models import Award
from core.dates import format_date
from ledger.selectors import ledger_lines_for
from tests.clock import travel_to
from tests.factories import LearnerFactory, PortalAdminFactory

from .conftest import award_with, hold, outside

pytestmark = pytest.mark.django_db

EXPIRY = dt.date(2029, 6, 30)  # a 5-year window: Jul 1, 2024 to Jun 30, 2029
FIRST_DAY = dt.date(2024, 7, 1)
# The day these tests run on: inside the certificate's window, after every
# typed date, so they pass on any day the suite runs.
TODAY = dt.date(2027, 3, 15)


@pytest.fixture(autouse=True)
def _on_a_day_of_the_window():
    with travel_to(TODAY):
        yield


def only_line(learner):
    (line,) = ledger_lines_for(learner=learner)
    return line


def test_credits_earned_here_inside_the_window_count_and_those_before_do_not(
    maryland, learner
):
    hold(learner, maryland, EXPIRY)
    award_with(learner, earned_on=FIRST_DAY, cpd_credits=Decimal(1))
    award_with(learner, earned_on=dt.date(2026, 3, 1), clock_hours=60)  # 4 credits
    award_with(learner, earned_on=FIRST_DAY - dt.timedelta(days=1), cpd_credits=2)

    line = only_line(learner)

    assert line.window == (FIRST_DAY, EXPIRY)
    assert [item.earned_on for item in line.items] == [FIRST_DAY, dt.date(2026, 3, 1)]
    assert line.held == Decimal(5)
    assert line.short == Decimal(1)
    assert line.statement == f"5 of 6 credits, renewal due {format_date(EXPIRY)}"


def test_ceus_convert_and_a_unit_the_state_does_not_count_is_left_out(
    maryland, learner
):
    maryland.clock_hours_per_credit = None
    maryland.save()
    hold(learner, maryland, EXPIRY)
    award_with(learner, earned_on=dt.date(2025, 5, 1), ceus=Decimal("0.6"))
    award_with(learner, earned_on=dt.date(2025, 6, 1), clock_hours=60)

    line = only_line(learner)

    assert [(item.figures, item.credits) for item in line.items] == [
        ("0.6 CEUs", Decimal("0.40"))
    ]
    assert line.statement.startswith("0.4 of 6 credits")


@pytest.mark.parametrize(
    "status", [Award.Status.REVOKED, Award.Status.SUPERSEDED, Award.Status.PENDING]
)
def test_an_award_not_issued_counts_for_nothing(maryland, learner, status):
    hold(learner, maryland, EXPIRY)
    award_with(learner, earned_on=dt.date(2026, 1, 5), cpd_credits=1, status=status)

    assert only_line(learner).items == []


def test_each_verification_link_is_the_awards_own(maryland, learner):
    hold(learner, maryland, EXPIRY)
    award = award_with(learner, earned_on=dt.date(2026, 1, 5), cpd_credits=1)

    (item,) = only_line(learner).items

    assert item.verification_url == award.verification_url
    assert item.verification_url.endswith(f"/verify/{award.verification_code}/")


def test_credits_earned_elsewhere_count_only_once_verified(maryland, learner):
    hold(learner, maryland, EXPIRY)
    waiting = outside(learner, earned_on=dt.date(2025, 1, 10), amount=Decimal(2))
    outside(
        learner,
        earned_on=dt.date(2025, 2, 10),
        amount=Decimal(1),
        verified_by=PortalAdminFactory(),
    )

    line = only_line(learner)

    assert [item.counted for item in line.items] == [False, True]
    assert line.items[0].outside == waiting
    assert line.held == Decimal(1)


def test_credits_elsewhere_outside_the_window_are_not_listed(maryland, learner):
    hold(learner, maryland, EXPIRY)
    outside(
        learner,
        earned_on=FIRST_DAY - dt.timedelta(days=1),
        amount=Decimal(3),
        verified_by=PortalAdminFactory(),
    )

    assert only_line(learner).items == []


def test_another_learners_credits_never_count(maryland, learner):
    hold(learner, maryland, EXPIRY)
    other = LearnerFactory()
    award_with(other, earned_on=dt.date(2026, 1, 5), cpd_credits=1)
    outside(
        other,
        earned_on=dt.date(2026, 1, 5),
        amount=Decimal(1),
        verified_by=PortalAdminFactory(),
    )

    assert only_line(learner).held == 0


def test_a_learner_holding_no_certificate_has_no_line_in_one_query(
    learner, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert ledger_lines_for(learner=learner) == []
