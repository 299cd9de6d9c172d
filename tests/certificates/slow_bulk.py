"""The project's Celery app with its bulk jobs held up mid-job: ``celery -A
tests.certificates.slow_bulk worker`` lets a test kill a worker in the middle of
a bulk job on awards.

Batches are of two awards; the third award a job checks for its ZIP writes the
process's id to ``<MEDIA_ROOT>/../bulk.pid`` and sleeps (the first two are
committed by then). A restarted worker of the plain app finds no hold at all.

Only the worker imports this module.
"""

import os
import time

from celery.signals import task_prerun
from django.conf import settings

from credentials_portal.celery import app

from .bulk_hold import bulk_pid_file

__all__ = ["app"]

HOLD_SECONDS = 120


def _held_at_the_third(step):
    seen = []

    def check(award, job, data):
        seen.append(award.pk)
        if len(seen) == 3:
            bulk_pid_file(settings.MEDIA_ROOT).write_text(str(os.getpid()))
            time.sleep(HOLD_SECONDS)
        return step(award, job, data)

    check.held = True
    return check


@task_prerun.connect
def _hold_the_third_award(sender=None, **kwargs):
    from certificates.services import bulk_run
    from enrollments.jobs.models import BulkJob

    kind = BulkJob.Kind.AWARD_ZIP
    if not getattr(bulk_run.STEPS[kind], "held", False):
        bulk_run.BATCH_SIZE = 2
        bulk_run.STEPS[kind] = _held_at_the_third(bulk_run.STEPS[kind])
