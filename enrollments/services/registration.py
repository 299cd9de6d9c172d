"""An individual registration: the enrollment and, for a priced unit, its invoice."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from programs.models import Offering

from ..models import Enrollment
from ..selectors import registration_quote
from .enrollment import enrollment_create
from .invoices import LineData, invoice_issue

REGISTRATION_LINE = _("Registration: %(offering)s")


@transaction.atomic
def registration_create(
    *,
    learner,
    offering: Offering,
    track: str = "",
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Enrollment:
    """Enroll ``learner`` and, when the unit has a price, bill them for one seat.

    A refusal propagates as ``EnrollmentRefused`` unchanged and nothing is written.
    The invoice bills the quote the enroll page showed (``registration_quote``);
    a unit without a price (none published) or free of charge gets no invoice.
    """
    enrollment = enrollment_create(
        learner=learner, offering=offering, track=track, today=today, now=now
    )
    seat = registration_quote(offering=enrollment.offering)
    if seat is not None and seat.total > 0:
        lines = [
            LineData(
                description=str(REGISTRATION_LINE % {"offering": enrollment.offering}),
                quantity=line.quantity,
                unit_amount=line.unit_amount,
                amount=line.amount,
            )
            for line in seat.lines
        ]
        invoice_issue(
            billed_to=learner,
            currency=seat.currency,
            lines=lines,
            enrollment=enrollment,
            now=enrollment.created_at,
        )
    return enrollment
