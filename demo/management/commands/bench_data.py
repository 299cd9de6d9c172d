from django.core.management.base import BaseCommand, CommandError

from demo.benchdata.generate import NotPostgres, bench_data_generate
from demo.benchdata.scales import SCALES


class Command(BaseCommand):
    help = (
        "Build the benchmark dataset (learners, enrollments, submissions, reviews, "
        "awards) at a preset scale into an empty PostgreSQL database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, scale, seed, **options):
        try:
            counts = bench_data_generate(
                scale=SCALES[scale], seed=seed, say=self.stdout.write
            )
        except (NotPostgres, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                ", ".join(f"{count:,} {name}" for name, count in counts.items())
            )
        )
