"""The rollup: count the whole history once, in the worker, into the fact rows
the report page sums (``reports.models``).

The counts are grouped by the same conditions the report applies (an
enrollment by the day it was made, a decision by the day it was made, an award
by the day it was issued or revoked, money by the day it was invoiced or paid),
so any filter of the page is a sum of whole rows and the figures are exactly
those the history gives at the rollup's moment.
"""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, TruncDate

from audit.models import AuditEvent
from audit.services import audit_event_record
from certificates.models import Award
from core import clock
from core.enqueue import send_on_commit
from enrollments.models import Enrollment, Invoice, Payment
from enrollments.selectors.invoices import signed_amount
from reviews.models import Review
from reviews.selectors import waiting_for_review

from ..models import AwardDay, OfferingDay, ReportRollup, RevenueDay, WaitingAge
from ..pass_rate import DECIDED, PASSED

REPORT_ROLLUP_TASK = "reports.rollup"
Status = Enrollment.Status


def _offering_days() -> list[OfferingDay]:
    unit_award = Award.objects.filter(
        learner=OuterRef("learner_id"),
        unit=OuterRef("offering__unit_id"),
        status=Award.Status.ISSUED,
    )
    enrolled = (
        Enrollment.objects.annotate(day=TruncDate("created_at"))
        .order_by()
        .values("offering_id", "day")
        .annotate(
            active=Count("pk", filter=Q(status=Status.ACTIVE)),
            completed=Count("pk", filter=Q(status=Status.COMPLETED)),
            withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
            awarded=Count("pk", filter=Q(Exists(unit_award))),
        )
    )
    offering = "version__submission__enrollment__offering_id"
    decisions = (
        Review.objects.filter(DECIDED)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values(offering, "day")
        .annotate(decided=Count("pk"), passes=Count("pk", filter=PASSED))
    )
    rows: dict[tuple[int, dt.date], OfferingDay] = {}
    for row in enrolled:
        key = (row.pop("offering_id"), row.pop("day"))
        rows[key] = OfferingDay(offering_id=key[0], day=key[1], **row)
    for row in decisions:
        key = (row[offering], row["day"])
        fact = rows.setdefault(key, OfferingDay(offering_id=key[0], day=key[1]))
        fact.decided, fact.passed = row["decided"], row["passes"]
    return list(rows.values())


def _waiting_ages(now: dt.datetime) -> list[WaitingAge]:
    """Whole days each waiting version has waited at ``now``, counted per offering."""
    ages: Counter[tuple[int, int]] = Counter()
    versions = waiting_for_review().values_list(
        "submission__enrollment__offering_id", "submitted_at"
    )
    for offering_id, submitted_at in versions.iterator(chunk_size=2000):
        if submitted_at is None:  # never on a submitted version
            continue
        ages[(offering_id, (now - submitted_at).days)] += 1
    return [
        WaitingAge(offering_id=offering_id, age_days=age, count=count)
        for (offering_id, age), count in ages.items()
    ]


def _award_days() -> list[AwardDay]:
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for status, field, figure in [
        (Award.Status.ISSUED, "issued_at", "issued"),
        (Award.Status.REVOKED, "revoked_at", "revoked"),
    ]:
        rows = (
            Award.objects.filter(status=status)
            .annotate(day=TruncDate(field))
            .order_by()
            .values("unit_id", "program_id", "day")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[(row["unit_id"], row["program_id"], row["day"])][figure] = row["n"]
    return [
        AwardDay(unit_id=unit_id, program_id=program_id, day=day, **figures)
        for (unit_id, program_id, day), figures in counts.items()
    ]


def _revenue_days() -> list[RevenueDay]:
    """Money per unit (the enrollment's or the group order's) and day."""
    invoiced = (
        Invoice.objects.exclude(status=Invoice.Status.VOID)
        .annotate(
            unit=Coalesce(
                F("enrollment__offering__unit_id"), F("order__offering__unit_id")
            ),
            day=TruncDate("issued_at"),
        )
        .order_by()
        .values("unit", "currency", "day")
        .annotate(amount=Sum("total"))
    )
    received = (
        Payment.objects.annotate(
            unit=Coalesce(
                F("invoice__enrollment__offering__unit_id"),
                F("invoice__order__offering__unit_id"),
            ),
            currency=F("invoice__currency"),
            day=F("paid_on"),
        )
        .order_by()
        .values("unit", "currency", "day")
        .annotate(amount=Sum(signed_amount()))
    )
    sums: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    for figure, rows in [("invoiced", invoiced), ("received", received)]:
        for row in rows:
            if row["unit"] is not None:
                sums[(row["unit"], row["currency"], row["day"])][figure] = row["amount"]
    return [
        RevenueDay(unit_id=unit_id, currency=currency, day=day, **figures)
        for (unit_id, currency, day), figures in sums.items()
    ]


def _serialize() -> None:
    """One rollup at a time: a second waits for the first to commit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('reports.rollup'))")


def report_rollup(*, rollup_id: int | None = None) -> ReportRollup:
    """Count the history into fresh fact rows and mark the rollup finished.

    ``rollup_id`` is a rollup an admin asked for; without it (the periodic run)
    a new one is recorded. A rollup already finished is returned as it is, so a
    task delivered twice counts once.
    """
    with transaction.atomic():
        _serialize()
        if rollup_id is None:
            rollup = ReportRollup.objects.create(requested_at=clock.now())
        else:
            rollup = ReportRollup.objects.select_for_update().get(pk=rollup_id)
            if rollup.finished_at is not None:
                return rollup
        now = clock.now()
        for model in (OfferingDay, WaitingAge, AwardDay, RevenueDay):
            model.objects.all().delete()
        OfferingDay.objects.bulk_create(_offering_days(), batch_size=2000)
        WaitingAge.objects.bulk_create(_waiting_ages(now), batch_size=2000)
        AwardDay.objects.bulk_create(_award_days(), batch_size=2000)
        RevenueDay.objects.bulk_create(_revenue_days(), batch_size=2000)
        # This count answers every request made before it, this one included
        # (a request whose task the broker never took is answered here too).
        ReportRollup.objects.filter(
            finished_at__isnull=True, requested_at__lte=now
        ).update(finished_at=now)
        # Earlier periodic runs say nothing more (an admin's request is kept:
        # its audit event names it).
        ReportRollup.objects.filter(
            requested_by__isnull=True, finished_at__lt=now
        ).delete()
        rollup.refresh_from_db()
    return rollup


def report_refresh_request(*, actor) -> ReportRollup:
    """An admin's "refresh now": record the request (audited) and queue the
    rollup after commit. A request still waiting is returned instead of a
    second one."""
    with transaction.atomic():
        waiting = ReportRollup.objects.filter(finished_at__isnull=True).first()
        if waiting is not None:
            return waiting
        rollup = ReportRollup.objects.create(
            requested_by=actor, requested_at=clock.now()
        )
        audit_event_record(
            actor=actor,
            action=AuditEvent.Action.REPORT_REFRESH_REQUESTED,
            target=rollup,
            summary="Asked for the report's figures to be counted again",
        )
        send_on_commit(REPORT_ROLLUP_TASK, rollup.pk)
    return rollup
