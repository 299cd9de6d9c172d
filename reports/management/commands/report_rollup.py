import time

from django.core.management.base import BaseCommand

from core import clock
from reports.services.rollup import report_rollup


class Command(BaseCommand):
    help = (
        "Count the admin report's figures now, in this process (the worker does it "
        "every REPORT_ROLLUP_SECONDS); prints how long it took."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rollup = report_rollup()
        seconds = time.perf_counter() - started
        finished = clock.local_moment(rollup.finished_at)
        self.stdout.write(
            f"Report figures counted as of {finished:%Y-%m-%d %H:%M:%S %Z} "
            f"in {seconds:.1f} s."
        )
