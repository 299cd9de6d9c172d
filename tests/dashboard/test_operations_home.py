"""An admin's home is the portal's operations: waiting work and the oldest wait,
awards needing an admin, unpaid invoices, bulk jobs, enrollments this week."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.models import Award, ProgressEvaluationRequest
from certificates.retries import MAX_EMAIL_FAILURES
from core import clock
from enrollments.jobs.models import BulkJob
from enrollments.models import Enrollment, Invoice
from enrollments.services.payments import payment_record
from tests.dashboard.pages import URL, dashboard_page
from tests.dashboard.test_facilitator_dashboard import run_offering, submit
from tests.factories import (
    EnrollmentFactory,
    FacilitatorFactory,
    LearnerFactory,
    PortalAdminFactory,
)

pytestmark = pytest.mark.django_db


def award(status, **fields):
    return Award.objects.create(
        learner=LearnerFactory(),
        unit=EnrollmentFactory().offering.unit,
        status=status,
        earned_on=clock.today() - dt.timedelta(days=30),
        **fields,
    )


def invoice(total, paid=Decimal("0.00")):
    """An invoice of ``total``, of which ``paid`` was received (through the one
    payment service, as an admin records it)."""
    enrollment = EnrollmentFactory()
    made = Invoice.objects.create(
        number=f"INV-{enrollment.pk}",
        enrollment=enrollment,
        billed_to=enrollment.learner,
        total=Decimal(total),
    )
    if paid:
        payment_record(
            invoice=made,
            actor=PortalAdminFactory(),
            amount=Decimal(paid),
            paid_on=clock.local_day(made.issued_at),
            method="check",
        )
    return made


def job(status, created_at, admin):
    failed = status == BulkJob.Status.FAILED
    made = BulkJob.objects.create(
        kind=BulkJob.Kind.PAST_COMPLETION_IMPORT,
        started_by=admin,
        total=5,
        status=status,
        message="Row 3: no such unit." if failed else "",
        finished_at=created_at if failed else None,
    )
    BulkJob.objects.filter(pk=made.pk).update(created_at=created_at)
    return made


def evaluation_request(now, **fields):
    """A progress change waiting for its evaluation (the worker's outbox)."""
    return ProgressEvaluationRequest.objects.create(
        learner=LearnerFactory(),
        unit=EnrollmentFactory().offering.unit,
        changed_at=now,
        created_at=now,
        **fields,
    )


def operations(admin, now, today, size: int) -> None:
    """``size`` of each thing the operations home counts."""
    offering = run_offering(FacilitatorFactory(), today, title=f"Busy Unit {size}")
    for number in range(size):
        submit(offering, now - dt.timedelta(days=5 + number, hours=1))
        award(Award.Status.PENDING)
        award(Award.Status.FAILED)
        award(Award.Status.ISSUED, issued_at=now, email_failures=MAX_EMAIL_FAILURES)
        evaluation_request(now, attempts=1, last_error="KeyError('rule')")
        evaluation_request(now - dt.timedelta(hours=1))
        evaluation_request(now)  # just written: its task is on its way
        invoice("175.00")
        invoice("50.00", paid="50.00")
        job(BulkJob.Status.RUNNING, now, admin)
        job(BulkJob.Status.FAILED, now - dt.timedelta(days=2), admin)
        job(BulkJob.Status.FAILED, now - dt.timedelta(days=40), admin)
    Enrollment.objects.update(created_at=now - dt.timedelta(days=30))
    for _ in range(size):
        EnrollmentFactory()


def test_an_admin_lands_on_the_operations(client, now, today):
    admin = PortalAdminFactory()
    operations(admin, now, today, size=2)
    content = dashboard_page(client, admin)
    assert "<h1>Operations</h1>" in content
    assert "Offerings you facilitate" not in content
    # waiting work and the oldest wait
    assert '<p class="figure">2</p>' in content
    assert "The oldest has waited 6 days." in content
    # awards that need an admin, each linked to its list in the admin
    awards = reverse("admin:certificates_award_changelist")
    assert f'<a href="{awards}?status__exact=pending">2 pending</a>' in content
    assert f'<a href="{awards}?status__exact=failed">2 failed to render</a>' in content
    assert f'<a href="{awards}?email=failed">2 emails refused</a>' in content
    # progress evaluations that failed or waited past two sweeps, not the new ones
    outbox = reverse("admin:certificates_progressevaluationrequest_changelist")
    assert f'<a href="{outbox}">4 progress evaluations failed or late</a>' in content
    # unpaid invoices and their total; paid ones are not counted
    assert "USD 350.00" in content
    assert "2 invoices unpaid" in content
    # bulk jobs running or failed lately; enrollments of the last seven days
    jobs = content.split('id="jobs-heading"')[1].split("</section>")[0]
    assert jobs.count("<tr>") == 1 + 4  # the header and four jobs
    assert "Row 3: no such unit." in jobs
    assert '<p class="figure">2</p>\n    <p>In the last seven days' in content
    # links to the reports and the admin
    assert reverse("reports:index") in content
    assert reverse("admin:index") in content


# session, user, roles; the menu's "holds an enrollment"; the waiting work (every
# offering's, without listing them); awards; evaluations failed or late; unpaid
# invoices; bulk jobs; enrollments this week.
OPERATIONS_HOME_QUERIES = 10


def test_operations_queries_do_not_grow_with_the_portal(
    client, now, today, django_assert_num_queries
):
    admin = PortalAdminFactory()
    client.force_login(admin)
    operations(admin, now, today, size=1)
    with django_assert_num_queries(OPERATIONS_HOME_QUERIES):
        content = client.get(URL).content.decode()
    assert "1 invoice unpaid" in content
    assert "1 pending</a>" in content
    operations(admin, now, today, size=4)
    with django_assert_num_queries(OPERATIONS_HOME_QUERIES):
        content = client.get(URL).content.decode()
    assert "5 invoices unpaid" in content
    assert "USD 875.00" in content
    assert "5 pending</a>" in content
    assert "5 failed to render</a>" in content
    assert "5 emails refused</a>" in content
    assert "10 progress evaluations failed or late</a>" in content
