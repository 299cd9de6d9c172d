"""Handing learners' data work to the worker, by task name (``core.enqueue``)."""

from core.enqueue import send, send_on_commit

EXPORT_BUILD_TASK = "learnerdata.export_build"
EXPORT_SWEEP_TASK = "learnerdata.export_sweep"
RETENTION_TASK = "learnerdata.retention"


def export_build_on_commit(export_id: int) -> None:
    send_on_commit(EXPORT_BUILD_TASK, export_id)


def export_build_send(export_id: int) -> None:
    send(EXPORT_BUILD_TASK, export_id)
