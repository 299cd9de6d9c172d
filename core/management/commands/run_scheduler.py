"""``manage.py run_scheduler``: Celery beat's schedule, without beat.

``scripts/start.sh`` runs it beside the server in the default start (no broker):
the progress sweep, the pending-award sweep, the bulk-job sweep and the deadline
reminders run on ``CELERY_BEAT_SCHEDULE``'s intervals, in this process.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core.scheduler import Scheduler


class Command(BaseCommand):
    help = "Run the periodic tasks of CELERY_BEAT_SCHEDULE (the default start's beat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every task once, then stop."
        )

    def handle(self, *args, once: bool = False, **options):
        scheduler = Scheduler(settings.CELERY_BEAT_SCHEDULE)
        while True:
            for name in scheduler.tick():
                self.stdout.write(f"ran {name}")
            if once:
                return
            time.sleep(min(scheduler.seconds_to_next(), 60.0) or 1.0)
