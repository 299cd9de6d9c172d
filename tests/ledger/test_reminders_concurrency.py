"""Two deliveries of the reminders task at the same moment (a redelivery while
the first still runs) send one email: the certificate's row lock and the
reminder's unique row decide which one claims it."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail

from ledger.models import LedgerReminder
from ledger.tasks import ledger_reminders_task
from tests.certificates.test_concurrency import at_once

from .conftest import hold

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_deliveries_send_one_reminder(maryland, learner, today):
    hold(learner, maryland, today + relativedelta(months=2))

    errors = at_once(4, lambda: ledger_reminders_task.apply().get())

    assert errors == []
    assert len(mail.outbox) == 1
    assert LedgerReminder.objects.get().months_before == 3
