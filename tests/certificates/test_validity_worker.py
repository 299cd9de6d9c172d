"""With a real email worker: the expiry reminders task delivered twice sends the
reminder once (issue 19, part 1)."""

import datetime as dt
import re

import pytest

from certificates.models import Award, ExpiryReminder
from certificates.services import award_request
from certificates.services.issuance import award_issue
from certificates.tasks import expiry_reminders_task
from programs.models import CredentialProgram

from .worker import (
    REDIS_URL,
    emails_sent,
    redis_reachable,
    wait_for,
    worker_start,
    worker_stop,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not redis_reachable(),
        reason=f"Redis is unreachable at {REDIS_URL}: the real-worker tests need it",
    ),
]

SUCCEEDED = re.compile(r"Task certificates\.expiry_reminders\[[^]]+\] succeeded")


def test_the_reminder_task_delivered_twice_sends_one_email(
    catalog, learner, today, tmp_path, celery_broker
):
    # given an issued CMTE Certificate whose last valid day is in 60 days
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    award_issue(award_id=award.pk)
    Award.objects.filter(pk=award.pk).update(expires_on=today + dt.timedelta(days=60))
    worker = worker_start(tmp_path, queues="email")
    try:
        # when the periodic task reaches the email worker twice
        celery_broker(REDIS_URL, eager=False)
        expiry_reminders_task.delay()
        expiry_reminders_task.delay()

        # then both deliveries run, and one email goes
        def both_ran():
            return len(SUCCEEDED.findall(worker.log.read_text())) == 2

        wait_for(worker, both_ran, timeout=120)
    finally:
        worker_stop(worker)
    reminders = [s for s in emails_sent(worker.media_root) if "valid until" in s]
    assert len(reminders) == 1
    reminder = ExpiryReminder.objects.get(award=award)
    assert reminder.days_before == 90
    assert reminder.sent_at is not None
