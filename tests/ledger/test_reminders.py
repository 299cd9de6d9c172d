"""Renewal reminders 12, 6 and 3 months before the expiry, to a learner short
of credits: each sent once, a redelivered task included."""

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.test.utils import override_settings

from core.dates import format_date
from ledger.models import LedgerReminder
from ledger.tasks import ledger_reminders_task
from tests.clock import travel_to

from .conftest import award_with, hold

pytestmark = pytest.mark.django_db


def test_a_short_learner_is_reminded_once_under_a_redelivered_task(
    maryland, learner, today
):
    expires = today + relativedelta(months=5)
    held = hold(learner, maryland, expires)
    award_with(learner, earned_on=today, cpd_credits=Decimal(2))

    first = ledger_reminders_task.apply().get()
    again = ledger_reminders_task.apply().get()  # the same message delivered twice

    assert (first, again) == (1, 0)
    (message,) = mail.outbox
    assert message.to == ["lucia@example.org"]
    assert message.subject == (
        "Renewal of your MD · Professional Certificate: 2 of 6 credits"
    )
    assert f"expires on {format_date(expires)}, in about 6 months" in message.body
    assert "4 more to earn" in message.body
    assert "/ledger/" in message.body
    reminder = LedgerReminder.objects.get()
    assert (reminder.certificate, reminder.months_before) == (held, 6)
    assert reminder.sent_at is not None


def test_a_learner_with_enough_credits_is_not_reminded(maryland, learner, today):
    hold(learner, maryland, today + relativedelta(months=2))
    award_with(learner, earned_on=today, clock_hours=90)  # 6 credits

    assert ledger_reminders_task.apply().get() == 0
    assert mail.outbox == []
    assert not LedgerReminder.objects.exists()


def test_more_than_a_year_ahead_nothing_is_sent(maryland, learner, today):
    # Two days past a year: one is not always enough, since twelve months before
    # a February 29 is February 28 (on February 28, 2027 the 12-month reminder
    # of a February 29, 2028 expiry is due).
    hold(learner, maryland, today + relativedelta(months=12, days=2))

    assert ledger_reminders_task.apply().get() == 0
    assert mail.outbox == []


def test_each_of_the_12_6_and_3_month_reminders_goes_once(maryland, learner, today):
    expires = today + relativedelta(months=12)
    hold(learner, maryland, expires)

    sent = []
    for months in (12, 9, 6, 4, 3, 1):
        with travel_to(expires - relativedelta(months=months)):
            sent.append(ledger_reminders_task.apply().get())

    assert sent == [1, 0, 1, 0, 1, 0]
    assert sorted(LedgerReminder.objects.values_list("months_before", flat=True)) == [
        3,
        6,
        12,
    ]


@override_settings(EMAIL_BACKEND="tests.ledger.test_reminders.RefusingBackend")
def test_a_refused_send_releases_the_claim_for_the_next_sweep(maryland, learner, today):
    hold(learner, maryland, today + relativedelta(months=2))

    assert ledger_reminders_task.apply().get() == 0

    assert not LedgerReminder.objects.exists()


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("the mail server refused")


def test_a_renewed_certificate_is_reminded_again_for_its_new_expiry(
    maryland, learner, today
):
    held = hold(learner, maryland, today + relativedelta(months=2))
    ledger_reminders_task.apply()
    held.expires_on = today + relativedelta(months=2, days=1)
    held.save()

    assert ledger_reminders_task.apply().get() == 1
    assert len(mail.outbox) == 2


def test_a_leap_day_expiry_is_reminded_12_months_before(maryland, learner):
    # 12 months before Feb 29, 2028 is Feb 28, 2027 (relativedelta's month end)
    hold(learner, maryland, dt.date(2028, 2, 29))

    with travel_to(dt.date(2027, 2, 28)):
        assert ledger_reminders_task.apply().get() == 1

    assert LedgerReminder.objects.get().months_before == 12
