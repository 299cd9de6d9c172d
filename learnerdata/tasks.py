"""Celery tasks of learners' data: fetch by id, call one service, retry policy."""

from celery import Task

from core import clock
from core.tasks import worker_task

from .enqueue import EXPORT_BUILD_TASK, EXPORT_SWEEP_TASK, RETENTION_TASK


class ExportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from .services.exports import data_export_fail

        data_export_fail(export_id=args[0])


@worker_task(
    EXPORT_BUILD_TASK,
    retried=True,
    base=ExportTask,
    soft_time_limit=900,
    time_limit=1000,
)
def export_build_task(export_id: int) -> str:
    """Build the learner's download once; a finished or claimed one is left."""
    from .services.exports import data_export_build

    return data_export_build(export_id=export_id, today=clock.today()).status


@worker_task(EXPORT_SWEEP_TASK)
def export_sweep_task() -> dict[str, int]:
    """Send again the downloads never received; delete those past their day."""
    from .services.exports import data_exports_expire, data_exports_resend

    resent = data_exports_resend(now=clock.now())
    return {
        "resent": len(resent),
        "expired": data_exports_expire(today=clock.today()),
    }


@worker_task(RETENTION_TASK, time_limit=1800)
def retention_task() -> dict[str, int]:
    """Daily: the notices due, then the deletions due (both safe to repeat)."""
    from .services.retention import retention_apply, retention_notices_send

    today, now = clock.today(), clock.now()
    notices = retention_notices_send(today=today, now=now)
    run = retention_apply(today=today, now=now)
    return {"notices": notices, "files_deleted": run.files_deleted}
