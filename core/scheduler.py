"""The periodic work without Celery beat: the default start's scheduler.

``CELERY_BEAT_SCHEDULE`` (settings) is the one schedule. In production Celery beat
sends it to the workers; in the default start (no broker) ``manage.py
run_scheduler`` runs beside the web server and runs each task here, in-process,
on the same intervals, so awards that become due are issued there too.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from celery import current_app

logger = logging.getLogger(__name__)


@dataclass
class Scheduler:
    """Runs each entry of a beat schedule (intervals in seconds) when it is due.

    Every entry is due at the first tick, so a restarted server catches up at
    once (each periodic task is idempotent: a sweep finds nothing left to do).
    """

    schedule: dict
    monotonic: Callable[[], float] = time.monotonic
    next_run: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, entry in self.schedule.items():
            if not isinstance(entry["schedule"], int | float):
                raise TypeError(f"{name}: run_scheduler takes intervals in seconds")

    def tick(self) -> list[str]:
        """Run every entry now due; return their names. A task that raises is
        logged and tried again at its next interval, the others run all the same."""
        ran = []
        for name, entry in self.schedule.items():
            if self.monotonic() < self.next_run.get(name, 0.0):
                continue
            try:
                run_task(entry["task"])
            except Exception:
                logger.exception("The scheduled task %s failed", entry["task"])
            self.next_run[name] = self.monotonic() + float(entry["schedule"])
            ran.append(name)
        return ran

    def seconds_to_next(self) -> float:
        now = self.monotonic()
        return max(0.0, min(self.next_run.values(), default=now) - now)


def run_task(task_name: str) -> None:
    """Run the task in this process when there is no broker, else send it by name
    (as beat does) to the workers."""
    # The configured app: the settings package makes it every thread's default.
    app = current_app._get_current_object()
    if not app.conf.task_always_eager:
        app.send_task(task_name)
        return
    app.loader.import_default_modules()
    app.tasks[task_name].apply(throw=True)
