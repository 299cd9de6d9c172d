"""Shared set-up of the group-order tests."""

import datetime as dt
from decimal import Decimal

from core import clock
from tests.factories import GroupTierFactory, OfferingFactory, UnitFactory

# The order tests' offering, placed around the test's day: enrollment opened
# weeks ago and is open today; the four-week run starts ten weeks from today.
OPENED_BEFORE = dt.timedelta(weeks=8)
STARTS_AFTER = dt.timedelta(weeks=10)


def people(n: int, start: int = 1) -> list[tuple[str, str]]:
    """``n`` participants as (name, email): Teacher 1, teacher1@school.example..."""
    return [
        (f"Teacher {i}", f"teacher{i}@school.example") for i in range(start, start + n)
    ]


def sotl_offering():
    """A CMTE workshop offering at the demo's USD 400, 25% off the invoice from 10."""
    unit = UnitFactory(title="SOTL", price=Decimal("400.00"))
    GroupTierFactory(unit=unit, min_participants=10, percent_off=Decimal("25"))
    today = clock.today()
    start = today + STARTS_AFTER
    return OfferingFactory(
        unit=unit,
        label="Spring 2027",
        capacity=40,
        start_date=start,
        end_date=start + dt.timedelta(weeks=4, days=-1),
        enrollment_opens=today - OPENED_BEFORE,
        enrollment_closes=start - dt.timedelta(days=1),
    )


def confirm_by_job(order):
    """Confirm ``order`` as the leader's click does and run its job, as the worker
    would; returns the job, refreshed."""
    from enrollments.jobs.services import bulk_job_run, group_order_confirm_start

    job = group_order_confirm_start(order=order, leader=order.leader)
    return bulk_job_run(job_id=job.pk)
