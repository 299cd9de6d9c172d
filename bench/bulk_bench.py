"""Time of a 5,000-person group confirmation and a 900-row past-completion import.

Usage: DATABASE_URL=postgres://.../portal .venv/bin/python bench/bulk_bench.py

Makes a scratch PostgreSQL database (``<name>_bench``, dropped at the end) with the
demo catalogue, then times each step as the web process and the worker run it:
the request that starts a job, and the job (``bulk_job_run``) itself. Email goes
to memory; award issuance is sent to ``CELERY_BROKER_URL`` (default Redis db 7)
as in production, so the import's figures exclude PDF rendering.
"""

import argparse
import datetime as dt
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credentials_portal.settings")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/7")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402

from core import clock  # noqa: E402

CMTE = ["sotl", "otla", "the-online-classroom"]


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(message)


@contextmanager
def timed(label: str, results: list):
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        yield
    results.append((label, time.perf_counter() - started, len(queries)))


def group_confirm(seats: int, today: dt.date, results: list) -> None:
    from enrollments.group_orders.services import group_order_create
    from enrollments.jobs.services import bulk_job_run, group_order_confirm_start
    from programs.models import Offering, Unit

    user_model = get_user_model()
    offering = Offering.objects.create(
        unit=Unit.objects.get(slug="sotl"),
        label="Bench run",
        start_date=today + dt.timedelta(days=40),
        end_date=today + dt.timedelta(days=70),
        enrollment_opens=today - dt.timedelta(days=1),
        enrollment_closes=today + dt.timedelta(days=30),
    )
    leader = user_model.objects.create(email="leader@bench.example")
    people = [(f"Teacher {i}", f"teacher{i}@bench.example") for i in range(seats)]
    user_model.objects.bulk_create(  # a tenth already have an account
        user_model(email=email, legal_name=name) for name, email in people[::10]
    )
    with timed(f"group order of {seats:,}: quote (request)", results):
        order = group_order_create(
            leader=leader, offering=offering, participants=people, today=today
        )
    with timed("confirm (request: the job is queued)", results):
        job = group_order_confirm_start(order=order, leader=leader)
    with timed(f"confirmation job (worker: enroll, mail {seats + 1:,})", results):
        job = bulk_job_run(job_id=job.pk)
    check(job.status == "succeeded", job.message)
    check(len(mail.outbox) == seats + 1, "every participant and the leader mailed")


def past_import(learners: int, today: dt.date, results: list) -> None:
    from enrollments.jobs.services import bulk_job_run, past_completion_import_start
    from enrollments.services.past_completions import past_completion_rows_read

    user_model = get_user_model()
    admin = user_model.objects.create(email="admin@bench.example")
    people = user_model.objects.bulk_create(
        user_model(email=f"past{i}@bench.example", legal_name=f"Past {i}")
        for i in range(learners)
    )
    text = "email,unit_slug,completed_on,source\n" + "".join(
        f"{user.email},{slug},2024-05-0{n},2024 cohort\n"
        for user in people
        for n, slug in enumerate(CMTE, start=1)
    )
    rows = learners * len(CMTE)
    with timed(f"past completions, {rows} rows: check (request)", results):
        checked, errors = past_completion_rows_read(text=text, today=today)
        job = past_completion_import_start(
            text=text, rows=len(checked), imported_by=admin, today=today
        )
    check(not errors, "\n".join(errors))
    with timed("import job (worker: write, evaluate each row)", results):
        job = bulk_job_run(job_id=job.pk)
    check(job.status == "succeeded", job.message)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seats", type=int, default=5000)
    parser.add_argument("--learners", type=int, default=300)
    args = parser.parse_args()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    name = f"{connection.settings_dict['NAME']}_bench"
    connection.settings_dict["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from accounts.services import roles_ensure
        from demo.services import demo_catalog_load

        today = clock.today()
        roles_ensure()
        demo_catalog_load(today=today)
        results: list = []
        past_import(args.learners, today, results)
        group_confirm(args.seats, today, results)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"load average {os.getloadavg()[0]:.1f}")  # noqa: T201
    print("| step | seconds | queries |")  # noqa: T201
    print("| --- | ---: | ---: |")  # noqa: T201
    for label, seconds, queries in results:
        print(f"| {label} | {seconds:.1f} | {queries:,} |")  # noqa: T201


if __name__ == "__main__":
    main()
