"""Celery tasks: fetch by id, call one service. The retry policy lives here.

Tasks import services, never the reverse: services enqueue through
``certificates.enqueue``, by task name. The services are imported inside the
tasks so that WeasyPrint, which ``issuance`` loads, is imported by the worker only.
"""

from celery import Task

from core import clock
from core.tasks import worker_task
from enrollments.jobs.enqueue import AWARD_BULK_RUN_TASK

from .enqueue import (
    AWARD_EMAIL_TASK,
    AWARD_ISSUE_TASK,
    OFFERING_EVALUATE_TASK,
    PROGRESS_EVALUATE_TASK,
    STATUS_LIST_PUBLISH_TASK,
)
from .retries import MAX_EMAIL_ATTEMPTS, MAX_RENDER_ATTEMPTS


# Only transient errors are retried; ``award_issue`` fails the award at once on
# any other error (it would recur) and returns it, so the task ends there.
@worker_task(
    AWARD_ISSUE_TASK,
    retried=True,
    max_retries=MAX_RENDER_ATTEMPTS - 1,
    bind=True,
    soft_time_limit=120,
    time_limit=180,
)
def award_issue_task(self, award_id: int) -> str | None:
    """Render, store and email one award; a no-op once it is issued."""
    from .services.issuance import award_issue

    award = award_issue(award_id=award_id)
    return award.status if award else None


# On the ``email`` queue. A mail server that refuses is retried with backoff; after
# the last attempt the sweep enqueues it again (the claim makes each send once),
# until ``MAX_EMAIL_FAILURES`` refused sends leave it to an admin.
@worker_task(
    AWARD_EMAIL_TASK,
    retried=True,
    max_retries=MAX_EMAIL_ATTEMPTS - 1,
    retry_backoff=30,
    retry_backoff_max=600,
    soft_time_limit=60,
    time_limit=90,
)
def award_email_task(award_id: int) -> bool:
    """Email an issued award's documents to its learner; a no-op once claimed."""
    from .services.emailing import award_email

    return award_email(award_id=award_id)


@worker_task("certificates.award_sweep", soft_time_limit=600, time_limit=660)
def award_sweep_task() -> dict:
    """Issue awards left pending (the broker was down) and enqueue unsent emails."""
    from django.utils import timezone

    from .services.issuance import award_sweep

    return award_sweep(now=timezone.now())


# A redelivery or a second task for the same change finds the request gone (it is
# deleted with the awards it requests): nothing is evaluated twice. Errors that
# would recur are left to the progress sweep, which tries the request again.
@worker_task(PROGRESS_EVALUATE_TASK, retried=True, soft_time_limit=120, time_limit=180)
def progress_evaluate_task(learner_id: int, unit_id: int) -> int | None:
    """Evaluate a learner's changed progress in a unit; how many awards it requested
    (None when the change was already evaluated)."""
    from .services.evaluation import progress_request_evaluate

    awards = progress_request_evaluate(learner_id=learner_id, unit_id=unit_id)
    return None if awards is None else len(awards)


@worker_task("certificates.progress_sweep", soft_time_limit=1800, time_limit=1900)
def progress_sweep_task() -> dict:
    """Re-evaluate active enrollments: awards earned under rules added later."""

    from .services.evaluation import progress_sweep

    return progress_sweep()


@worker_task(OFFERING_EVALUATE_TASK, soft_time_limit=600, time_limit=660)
def offering_evaluate_task(offering_id: int) -> dict:
    """Re-evaluate the learners of an offering whose dates an admin changed."""
    from .services.offering_dates import offering_learners_evaluate

    return offering_learners_evaluate(offering_id=offering_id)


class AwardBulkTask(Task):
    """When the retries run out, the job is failed with how far it got, so its
    page never waits forever."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from .services.bulk_run import award_bulk_give_up

        award_bulk_give_up(job_id=args[0])


# Each award commits on its own, so a redelivery (the worker died: acks_late,
# reject_on_worker_lost) or a retry resumes at the first award still pending.
@worker_task(
    AWARD_BULK_RUN_TASK,
    retried=True,
    base=AwardBulkTask,
    soft_time_limit=1800,
    time_limit=1900,
)
def award_bulk_run_task(job_id: int) -> str:
    """Revoke, re-render or pack the job's awards; a finished job is left."""
    from .services.bulk_run import award_bulk_run

    return award_bulk_run(job_id=job_id).status


# On the ``email`` queue. Each reminder is claimed before it is sent, so a second
# run or a redelivery of this task sends nothing twice.
@worker_task("certificates.expiry_reminders", soft_time_limit=600, time_limit=660)
def expiry_reminders_task() -> int:
    """Email the reminders due today, 90 and 30 days before awards expire."""
    from .services.reminders import expiry_reminders_send

    return expiry_reminders_send(today=clock.today())


@worker_task(STATUS_LIST_PUBLISH_TASK, retried=True, soft_time_limit=60, time_limit=90)
def status_list_publish_task(status_list_id: int) -> str | None:
    """Re-sign a provider's revocation list; a no-op once signed as it stands."""
    from .services.status_lists import status_list_publish

    status_list = status_list_publish(status_list_id=status_list_id)
    return status_list.etag if status_list else None


@worker_task("certificates.status_list_sweep", soft_time_limit=300, time_limit=360)
def status_list_sweep_task() -> int:
    """Sign the revocation lists still marked (their task never reached a worker)."""
    from .services.status_lists import status_lists_publish_pending

    return status_lists_publish_pending()
