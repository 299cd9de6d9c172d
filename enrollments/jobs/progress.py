"""Progress a job reports while its one transaction is still open.

The worker writes every row of a job in one transaction, so a count written
through that transaction would stay invisible until the end. The count goes
instead through a second connection to the same database, in autocommit: the
progress page sees it at once, and a rollback of the work leaves it (the job is
then marked failed, which says nothing was changed). The job row is never
locked by the work's transaction before its last statement, so these updates
never wait on it.

SQLite allows one writer at a time: a second connection would wait on the
work's transaction. There (the embedded mode, where the request runs the job
itself before showing its page) the counts are written with the result only.
"""

import time
from collections.abc import Callable

from django.db import connection, connections

from .models import BulkJob

# Report at most every this many rows or seconds, whichever comes first.
EVERY_ROWS = 200
EVERY_SECONDS = 1.0

Report = Callable[[int], None]


class ProgressReporter:
    """``reporter(done)`` records ``done`` rows of the job's current step."""

    def __init__(self, job: BulkJob, step: str, field: str = "done"):
        self.job_id, self.step, self.field = job.pk, step, field
        self._last_rows, self._last_time = -EVERY_ROWS, 0.0
        self._side = (
            connections.create_connection("default")
            if connection.vendor == "postgresql"
            else None
        )

    def __call__(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        due = (
            done - self._last_rows >= EVERY_ROWS
            or now - self._last_time >= EVERY_SECONDS
        )
        if self._side is None or not (force or due):
            return
        self._last_rows, self._last_time = done, now
        table = connection.ops.quote_name(BulkJob._meta.db_table)
        column = connection.ops.quote_name(self.field)
        with self._side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET step = %s, {column} = %s WHERE id = %s",  # noqa: S608 - names from the model
                [self.step, done, self.job_id],
            )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
