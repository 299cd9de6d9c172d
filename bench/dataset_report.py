"""The size of the dataset in DATABASE_URL, for docs/benchmarks.md.

Usage: .venv/bin/python bench/dataset_report.py [--write]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report

report.django_setup()

from django.contrib.auth import get_user_model  # noqa: E402

from certificates.models import Award  # noqa: E402
from enrollments.models import Enrollment  # noqa: E402
from programs.models import Offering  # noqa: E402
from reviews.models import Review, Submission, SubmissionVersion  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    users = get_user_model().objects
    statuses = {
        s: Enrollment.objects.filter(status=s).count()
        for s in ("active", "completed", "withdrawn")
    }
    rows = [
        ("learners", users.filter(groups__name="Learners").count()),
        ("offerings", Offering.objects.count()),
        ("enrollments", Enrollment.objects.count()),
        (
            "  active / completed / withdrawn",
            " / ".join(f"{v:,}" for v in statuses.values()),
        ),
        (
            "submissions (one per enrollment and requirement)",
            Submission.objects.count(),
        ),
        (
            "submission versions (submitted)",
            SubmissionVersion.objects.filter(status="submitted").count(),
        ),
        ("reviews", Review.objects.count()),
        ("awards", Award.objects.count()),
    ]
    body = "\n".join(
        [
            report.stamp("DATABASE_URL=... .venv/bin/python bench/dataset_report.py"),
            "| rows | count |",
            "| --- | ---: |",
            *(
                f"| {name} | {value:,} |"
                if isinstance(value, int)
                else f"| {name} | {value} |"
                for name, value in rows
            ),
        ]
    )
    sys.stdout.write(body + "\n")
    report.fragment_write(
        "dataset",
        {name.strip(): value for name, value in rows if isinstance(value, int)},
    )
    if args.write:
        report.section_write("dataset", body)


if __name__ == "__main__":
    main()
