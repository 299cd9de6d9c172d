"""The four CSV exports: their columns and how a row fills them.

Each export is a header and a function from a row to its values; the writer in
``csv_writer`` formats and escapes every cell the same way.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from certificates.models import Award
from enrollments.models import Enrollment, Invoice
from enrollments.selectors.invoices import invoice_received, invoice_status
from reviews.models import Review

from . import selectors
from .pass_rate import review_passes


@dataclass(frozen=True)
class Export:
    slug: str
    title: str
    header: list[str]
    rows: Callable[..., Iterator]
    values: Callable[[Any], list]


def _enrollment(e: Enrollment) -> list:
    offering, learner = e.offering, e.learner
    invoice = getattr(e, "invoice", None)
    return [
        e.pk,
        learner.display_name,
        learner.email,
        learner.organisation,
        offering.unit.provider.name,
        offering.unit.title,
        offering.label,
        offering.start_date,
        offering.end_date,
        e.get_status_display(),
        e.get_track_display() if e.track else "",
        e.created_at,
        e.completed_at,
        e.group_order_id,
        invoice.number if invoice else "",
    ]


def _invoice(i: Invoice) -> list:
    offering = i.order.offering if i.order else i.enrollment.offering
    organisation = i.order.organisation if i.order else ""
    return [
        i.number,
        invoice_status(i).label,
        i.billed_to.display_name,
        i.billed_to.email,
        organisation or i.billed_to.organisation,
        offering.unit.provider.name,
        offering.unit.title,
        offering.label,
        "group order" if i.order_id else "enrollment",
        i.seats,  # annotated by the selector
        i.total,
        i.currency,
        i.issued_at,
        invoice_received(i),
    ]


def _review(r: Review) -> list:
    submission = r.version.submission
    enrollment, requirement = submission.enrollment, submission.requirement
    return [
        r.pk,
        enrollment.learner.display_name,
        enrollment.learner.email,
        enrollment.learner.organisation,
        enrollment.offering.unit.provider.name,
        enrollment.offering.unit.title,
        enrollment.offering.label,
        requirement.title,
        r.version.number,
        r.version.submitted_at,
        r.created_at,
        r.reviewer.display_name if r.reviewer else "",
        "automatic" if r.is_automatic else "facilitator",
        r.get_decision_display(),
        r.total_points,
        r.out_of,
        requirement.pass_score,
        review_passes(r),
    ]


def _award(a: Award) -> list:
    owner = a.unit or a.program
    return [
        a.verification_code,
        a.learner.display_name,
        a.learner.email,
        a.learner.organisation,
        a.credential_name,
        "unit" if a.unit_id else "program",
        owner.provider.name if owner else "",
        a.get_status_display(),
        a.earned_on,
        a.issued_at,
        a.revoked_at,
        a.revoke_reason,
        a.verification_url,
    ]


PERSON = [_("Learner"), _("Email"), _("Organisation")]
OFFERING = [_("Provider"), _("Unit"), _("Offering")]
EXPORTS = {
    export.slug: export
    for export in [
        Export(
            slug="enrollments",
            title=_("Enrollments"),
            header=[
                _("Enrollment ID"),
                *PERSON,
                *OFFERING,
                _("Offering start"),
                _("Offering end"),
                _("Status"),
                _("Track"),
                _("Enrolled on"),
                _("Completed on"),
                _("Group order ID"),
                _("Invoice number"),
            ],
            rows=selectors.enrollments_for_export,
            values=_enrollment,
        ),
        Export(
            slug="invoices",
            title=_("Invoices"),
            header=[
                _("Invoice number"),
                _("Status"),
                _("Billed to"),
                _("Email"),
                _("Organisation"),
                *OFFERING,
                _("Billed for"),
                _("Seats"),
                _("Total"),
                _("Currency"),
                _("Issued on"),
                _("Received"),
            ],
            rows=selectors.invoices_for_export,
            values=_invoice,
        ),
        Export(
            slug="reviews",
            title=_("Reviews"),
            header=[
                _("Review ID"),
                *PERSON,
                *OFFERING,
                _("Requirement"),
                _("Version"),
                _("Submitted on"),
                _("Reviewed on"),
                _("Reviewer"),
                _("Reviewed by"),
                _("Decision"),
                _("Points"),
                _("Out of"),
                _("Pass mark"),
                _("Passed"),
            ],
            rows=selectors.reviews_for_export,
            values=_review,
        ),
        Export(
            slug="awards",
            title=_("Awards"),
            header=[
                _("Verification code"),
                *PERSON,
                _("Credential"),
                _("Type"),
                _("Provider"),
                _("Status"),
                _("Earned on"),
                _("Issued on"),
                _("Revoked on"),
                _("Reason for revocation"),
                _("Verification URL"),
            ],
            rows=selectors.awards_for_export,
            values=_award,
        ),
    ]
}
