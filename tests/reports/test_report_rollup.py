"""The rolled-up report against the history counted the straightforward way.

Generated history (a fixed seed, on fixed days around the test's clock): two
providers, four units (one in two programs), eight offerings, learners enrolled
in every status on days across four months (one late in a local evening),
versions reviewed Met, Not Met, scored and automatically, some still waiting,
awards issued, revoked, superseded and pending (unit and program), invoices in
two currencies (one void) with payments, refunds and a cancellation. The
reference below reads every row in Python; the report sums the rollup's rows.
Every figure the page shows is compared, under several filters. (The CSV
exports read the rows themselves, not these figures.)
"""

import datetime as dt
import random
import statistics
import uuid
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from certificates.models import Award
from core import clock
from enrollments.models import Enrollment, Invoice, Payment
from programs.models import Requirement
from reports.filters import ReportFilters
from reports.months import months_filled
from reports.pass_rate import pass_rate, review_passes
from reports.selectors import awards_per_month, report_rows, revenue_per_program
from reports.services.rollup import report_rollup
from reviews.latest import latest_versions_fill
from reviews.models import Review, Submission, SubmissionVersion
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    OfferingFactory,
    PortalAdminFactory,
    ProgramFactory,
    ProviderFactory,
    RequirementFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

ZONE = timezone.get_default_timezone()
REVIEWED = [Requirement.ReviewMode.MET_NOT_MET, Requirement.ReviewMode.RUBRIC]


def moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


class History:
    """Rows written directly: the report reads rows, whatever wrote them."""

    def __init__(self, today: dt.date, seed: int = 17):
        self.rng = random.Random(seed)  # noqa: S311 (a repeatable history)
        self.days = [today - dt.timedelta(days=d) for d in range(1, 120, 3)]
        self.reviewer = FacilitatorFactory()
        self.awarded: set[tuple] = set()
        self.admin = PortalAdminFactory()

    def day(self) -> dt.date:
        return self.rng.choice(self.days)

    def at(self) -> dt.datetime:
        # 23:30 local is the next day in UTC: the day must be the local one.
        return moment(self.day(), self.rng.choice([9, 14, 23]), 30)

    def catalogue(self):
        providers = [ProviderFactory(), ProviderFactory()]
        self.units = [UnitFactory(provider=providers[i // 2]) for i in range(4)]
        first = ProgramFactory(provider=providers[0])
        second = ProgramFactory(provider=providers[1])
        first.units.add(*self.units[:3])
        second.units.add(*self.units[2:])  # the third unit counts in both
        self.programs, self.providers = [first, second], providers
        self.offerings = [OfferingFactory(unit=u) for u in self.units for _ in "ab"]
        self.requirements = {
            unit.pk: [
                RequirementFactory(unit=unit, review_mode=mode, pass_score=score)
                for mode, score in [
                    (Requirement.ReviewMode.MET_NOT_MET, None),
                    (Requirement.ReviewMode.RUBRIC, 20),
                    (Requirement.ReviewMode.NONE, None),
                ]
            ]
            for unit in self.units
        }

    def enrollments(self, learners: int):
        statuses = list(Enrollment.Status)
        learners_now = []
        for _ in range(learners):
            learner = LearnerFactory()
            learners_now.append(learner)
            for offering in self.rng.sample(self.offerings, 3):
                status, created_at = self.rng.choice(statuses), self.at()
                enrollment = Enrollment.objects.create(
                    learner=learner,
                    offering=offering,
                    status=status,
                    created_at=created_at,
                    completed_at=created_at if status == "completed" else None,
                )
                self.work(enrollment)
                self.award(learner, offering.unit)
        for program in self.programs:
            for learner in self.rng.sample(learners_now, min(4, learners)):
                self.award(learner, program=program)

    def work(self, enrollment: Enrollment):
        for requirement in self.requirements[enrollment.offering.unit_id]:
            submission = Submission.objects.create(
                enrollment=enrollment,
                requirement=requirement,
                offering=enrollment.offering,
            )
            for number in range(1, self.rng.randint(1, 3) + 1):
                version = SubmissionVersion.objects.create(
                    submission=submission,
                    number=number,
                    status=SubmissionVersion.Status.SUBMITTED,
                    submitted_at=self.at(),
                )
                if requirement.review_mode in REVIEWED and self.rng.random() < 0.7:
                    self.review(version, requirement)
            if self.rng.random() < 0.2:
                SubmissionVersion.objects.create(submission=submission, number=9)
            # What the submit services store with each version.
            latest_versions_fill(submission_ids=[submission.pk])

    def review(self, version, requirement):
        reviewer = self.reviewer if self.rng.random() < 0.85 else None
        fields: dict = {"decision": Review.Decision.MET}
        if requirement.review_mode == Requirement.ReviewMode.RUBRIC:
            points = self.rng.randint(14, 25)
            fields = {"decision": "scored", "total_points": points, "out_of": 25}
        elif self.rng.random() < 0.4:
            fields = {"decision": Review.Decision.NOT_MET, "feedback": "Again."}
        Review.objects.create(
            version=version, reviewer=reviewer, created_at=self.at(), **fields
        )

    def award(self, learner, unit=None, program=None):
        roll = self.rng.random()
        if roll < 0.3 or (learner.pk, unit, program) in self.awarded:
            return
        self.awarded.add((learner.pk, unit, program))
        issued_at = self.at()
        fields: dict = {"status": Award.Status.ISSUED, "issued_at": issued_at}
        if roll > 0.85:
            revoked_at = issued_at + dt.timedelta(days=self.rng.randint(0, 40))
            fields = {
                "status": Award.Status.REVOKED,
                "issued_at": issued_at,
                "revoked_at": revoked_at,
                "revoke_reason": "Issued in error.",
            }
        elif roll > 0.8:
            fields = {"status": Award.Status.SUPERSEDED, "issued_at": issued_at}
        elif roll > 0.75:
            fields = {"status": Award.Status.PENDING}
        Award.objects.create(
            learner=learner,
            unit=unit,
            program=program,
            earned_on=issued_at.date(),
            email_learner=False,
            **fields,
        )

    def money(self):
        unbilled = Enrollment.objects.filter(invoice__isnull=True).order_by("pk")
        for number, enrollment in enumerate(unbilled[:40]):
            invoice = Invoice.objects.create(
                number=uuid.uuid4().hex,
                enrollment=enrollment,
                billed_to=enrollment.learner,
                currency="EUR" if number % 5 == 0 else "USD",
                total=Decimal(self.rng.choice(["400.00", "175.00", "0.00"])),
                status=Invoice.Status.VOID if number % 7 == 3 else "issued",
                issued_at=self.at(),
            )
            paid = None
            for kind in self.rng.sample(["payment", "payment", "refund", ""], 2):
                if kind:
                    paid = Payment.objects.create(
                        invoice=invoice,
                        kind=kind,
                        amount=Decimal("100.00"),
                        paid_on=self.day(),
                        method="check",
                    )
            if paid is not None and number % 4 == 0:
                Payment.objects.create(
                    invoice=invoice,
                    kind="cancellation",
                    amount=paid.amount,
                    paid_on=self.day(),
                    method="check",
                    cancels=paid,
                )


# The reference: every row read in Python.


def in_range(day: dt.date | None, filters: ReportFilters) -> bool:
    if day is None:
        return False
    return (filters.date_from is None or day >= filters.date_from) and (
        filters.date_to is None or day <= filters.date_to
    )


def units_in_scope(filters: ReportFilters, units) -> set[int]:
    return {
        unit.pk
        for unit in units
        if (filters.program is None or filters.program in unit.programs.all())
        and (filters.provider is None or unit.provider_id == filters.provider.pk)
    }


def figures_of(enrollments, waiting_ages, reviews) -> tuple:
    statuses = Counter(e.status for e in enrollments)
    awarded = sum(1 for e in enrollments if e.awarded)
    ages = sorted(waiting_ages)
    passes = [review_passes(r) for r in reviews]
    waiting = (
        (
            len(ages),
            max(ages),
            Decimal(str(statistics.median(ages))).quantize(Decimal("0.1")),
        )
        if ages
        else (0, None, None)
    )
    return (
        statuses["active"],
        statuses["completed"],
        statuses["withdrawn"],
        awarded,
        *waiting,
        passes.count(True),
        len(passes),
        pass_rate(passed=passes.count(True), decided=len(passes)),
    )


def reference(filters: ReportFilters, history: History, now: dt.datetime) -> dict:
    scope = units_in_scope(filters, history.units)
    issued_units = {
        (a.learner_id, a.unit_id)
        for a in Award.objects.filter(status=Award.Status.ISSUED, unit__isnull=False)
    }
    per_offering: dict[int, dict[str, list]] = defaultdict(
        lambda: {"enrollments": [], "waiting": [], "reviews": []}
    )
    for e in Enrollment.objects.select_related("offering"):
        if e.offering.unit_id in scope and in_range(
            clock.local_day(e.created_at), filters
        ):
            e.awarded = (e.learner_id, e.offering.unit_id) in issued_units
            per_offering[e.offering_id]["enrollments"].append(e)
    versions = SubmissionVersion.objects.filter(status="submitted").select_related(
        "submission__requirement", "submission__enrollment__offering"
    )
    latest: dict[int, SubmissionVersion] = {}
    for v in versions:
        if v.submission_id not in latest or v.number > latest[v.submission_id].number:
            latest[v.submission_id] = v
    for v in latest.values():
        offering = v.submission.enrollment.offering
        waits = (
            v.submission.requirement.review_mode in REVIEWED
            and not Review.objects.filter(version=v).exists()
        )
        if waits and offering.unit_id in scope:
            per_offering[offering.pk]["waiting"].append((now - v.submitted_at).days)
    for r in Review.objects.select_related(
        "version__submission__enrollment__offering", "version__submission__requirement"
    ):
        offering = r.version.submission.enrollment.offering
        if (
            r.reviewer_id is not None
            and offering.unit_id in scope
            and in_range(clock.local_day(r.created_at), filters)
        ):
            per_offering[offering.pk]["reviews"].append(r)

    def is_empty(parts) -> bool:
        return not (parts["enrollments"] or parts["waiting"] or parts["reviews"])

    offerings = {o.pk: o for o in history.offerings}
    offering_rows = sorted(
        (
            (
                str(offerings[pk]),
                *figures_of(p["enrollments"], p["waiting"], p["reviews"]),
            )
            for pk, p in per_offering.items()
            if not is_empty(p)
        ),
    )
    program_rows = []
    for program in filters.programs():
        units = {u.pk for u in program.units.all()}
        parts = {"enrollments": [], "waiting": [], "reviews": []}
        for pk, p in per_offering.items():
            if offerings[pk].unit_id in units:
                for key in parts:
                    parts[key] += p[key]
        awards = Award.objects.filter(program=program)
        issued = sum(
            1
            for a in awards
            if a.status == "issued" and in_range(clock.local_day(a.issued_at), filters)
        )
        revoked = sum(
            1
            for a in awards
            if a.status == "revoked"
            and in_range(clock.local_day(a.revoked_at), filters)
        )
        if not is_empty(parts) or issued or revoked:
            program_rows.append(
                (
                    program.name,
                    *figures_of(
                        parts["enrollments"], parts["waiting"], parts["reviews"]
                    ),
                    issued,
                    revoked,
                )
            )
    return {
        "offerings": offering_rows,
        "programs": program_rows,
        "months": months_reference(filters, scope),
        "revenue": revenue_reference(filters, scope),
    }


def months_reference(filters: ReportFilters, scope: set[int]) -> list:
    scoped = filters.program is None and filters.provider is None
    programs = {p.pk for p in filters.programs()}
    issued, revoked = Counter(), Counter()
    for a in Award.objects.all():
        if not (scoped or a.unit_id in scope or a.program_id in programs):
            continue
        if a.status == "issued" and in_range(clock.local_day(a.issued_at), filters):
            issued[clock.local_day(a.issued_at).replace(day=1)] += 1
        if a.status == "revoked" and in_range(clock.local_day(a.revoked_at), filters):
            revoked[clock.local_day(a.revoked_at).replace(day=1)] += 1
    return months_filled(dict(issued), dict(revoked))


def signed(payment: Payment) -> Decimal:
    if payment.kind == "payment":
        return payment.amount
    if payment.kind == "refund":
        return -payment.amount
    return -payment.amount if payment.cancels.kind == "payment" else payment.amount


def revenue_reference(filters: ReportFilters, scope: set[int]) -> list:
    invoiced: dict = defaultdict(Decimal)
    received: dict = defaultdict(Decimal)
    for i in Invoice.objects.select_related("enrollment__offering"):
        unit = i.enrollment.offering.unit_id
        if (
            i.status != "void"
            and unit in scope
            and in_range(clock.local_day(i.issued_at), filters)
        ):
            invoiced[(unit, i.currency)] += i.total
    for p in Payment.objects.select_related("invoice__enrollment__offering", "cancels"):
        unit = p.invoice.enrollment.offering.unit_id
        if unit in scope and in_range(p.paid_on, filters):
            received[(unit, p.invoice.currency)] += signed(p)
    rows = []
    for program in filters.programs():
        units = {u.pk for u in program.units.all()}
        currencies = sorted({c for (u, c) in [*invoiced, *received] if u in units})
        for currency in currencies:
            rows.append(
                (
                    program.name,
                    currency,
                    sum(
                        (
                            v
                            for (u, c), v in invoiced.items()
                            if u in units and c == currency
                        ),
                        Decimal("0.00"),
                    ),
                    sum(
                        (
                            v
                            for (u, c), v in received.items()
                            if u in units and c == currency
                        ),
                        Decimal("0.00"),
                    ),
                )
            )
    return rows


# The report, as the page reads it.


def row_figures(row) -> tuple:
    t, w = row.tally, row.waiting
    return (
        t.active,
        t.completed,
        t.withdrawn,
        t.awarded,
        w.count,
        w.oldest_days,
        w.median_days,
        t.passed,
        t.decided,
        row.pass_rate,
    )


def report(filters: ReportFilters) -> dict:
    rows = report_rows(filters=filters)
    return {
        "offerings": sorted(
            (str(row.subject), *row_figures(row)) for row in rows["offerings"]
        ),
        "programs": [
            (row.subject.name, *row_figures(row), row.issued, row.revoked)
            for row in rows["programs"]
        ],
        "months": awards_per_month(filters=filters),
        "revenue": [
            (r.program.name, r.currency, r.invoiced, r.received)
            for r in revenue_per_program(filters=filters)
        ],
    }


@pytest.fixture
def history(today):
    history = History(today)
    history.catalogue()
    history.enrollments(learners=12)
    history.money()
    return history


def test_the_rolled_up_report_has_every_figure_of_the_history(history, today):
    read_at = moment(today, 15)
    with time_machine.travel(read_at, tick=False):
        rollup = report_rollup()
    assert rollup.finished_at == read_at
    first, second = history.programs
    middle = today - dt.timedelta(days=60)
    for filters in [
        ReportFilters(),
        ReportFilters(program=first),
        ReportFilters(program=second),
        ReportFilters(provider=history.providers[1]),
        ReportFilters(date_from=middle),
        ReportFilters(date_to=middle),
        ReportFilters(date_from=middle, date_to=middle + dt.timedelta(days=20)),
        ReportFilters(program=first, date_from=middle),
    ]:
        expected = reference(filters, history, now=read_at)
        assert report(filters) == expected, filters
    everything = reference(ReportFilters(), history, now=read_at)
    # the generated history exercises every figure
    assert len(everything["offerings"]) == 8
    waiting = [row[5] for row in everything["offerings"]]
    assert 0 in waiting
    assert sum(1 for count in waiting if count > 1) >= 4
    assert any(row[7] % 1 for row in everything["offerings"] if row[5])  # x.5
    assert all(row[10] is not None for row in everything["offerings"])  # decided
    assert {row[1] for row in everything["revenue"]} == {"EUR", "USD"}
    assert sum(m.revoked for m in everything["months"]) > 0


def test_a_second_rollup_replaces_the_figures_and_a_delivered_one_is_a_no_op(
    history, today
):
    with time_machine.travel(moment(today, 15), tick=False):
        first = report_rollup()
    before = report(ReportFilters())
    Enrollment.objects.create(
        learner=LearnerFactory(), offering=history.offerings[0], created_at=clock.now()
    )
    assert report(ReportFilters()) == before  # as of the first rollup
    assert report_rollup(rollup_id=first.pk) == first  # already answered
    assert report(ReportFilters()) == before
    read_at = moment(today, 16)
    with time_machine.travel(read_at, tick=False):
        report_rollup()
    assert report(ReportFilters()) == reference(ReportFilters(), history, read_at)
    after = report(ReportFilters())["offerings"]
    enrolled = sum(sum(row[1:4]) for row in after)
    assert enrolled == sum(sum(row[1:4]) for row in before["offerings"]) + 1
