"""Group orders: a leader buys seats in one offering for named participants.

``group_order_create`` records the order and its participants once every check
passes (status quoted); confirming it (``.confirm.group_order_confirm``) is a
job the worker runs: invoice, accounts and enrollments in one transaction, then
the invitations (``.mail``).
"""

import datetime as dt
from typing import cast

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal
from programs.models import Offering
from programs.quotes import PricingError, Quote
from programs.selectors import unit_quote

from ..models import Enrollment, GroupOrder, Participant
from ..selectors.holdings import unit_holdings_by_email
from ..services.enrollment import HOLDS_A_PLACE, offering_refusal
from ..services.invoices import LineData

MIN_PARTICIPANTS = 2

TOO_FEW = _("A group order names at least %(n)s participants.")
NO_PRICE_ASK = _("This unit has no published price; ask %(provider)s at %(contact)s.")
DUPLICATE_EMAIL = _("%(email)s is listed more than once.")
HAS_TRACKS = _(
    "%(unit)s asks each participant to choose a track, so participants enroll "
    "individually."
)
ALREADY_ENROLLED = _("%(name)s (%(email)s) is already enrolled in %(offering)s.")
PARTICIPANT_REFUSED = _("%(name)s (%(email)s) cannot be enrolled: %(reason)s")
ALREADY_CONFIRMED = _("This group order is already confirmed.")
NOT_ENOUGH_ROOM = _(
    "%(offering)s has %(free)s places left: not enough for %(seats)s participants."
)


class OrderRefused(Refusal):
    """The group order cannot be made or confirmed; ``message`` says why."""


def group_order_quote(*, offering: Offering, seats: int) -> Quote:
    """The price of ``seats`` seats in ``offering`` under its unit's rules (no writes).

    Raises ``OrderRefused`` when the unit has no published price.
    """
    unit = offering.unit
    if unit.price is None:
        provider = unit.provider
        raise OrderRefused(
            NO_PRICE_ASK % {"provider": provider, "contact": provider.contact_address}
        )
    try:
        return unit_quote(unit=unit, seats=seats)
    except PricingError as error:
        raise OrderRefused(error.message) from error


def _check_room(offering: Offering, seats: int, today: dt.date) -> None:
    """Refuse unless the offering is open and has a place for every seat."""
    refusal = offering_refusal(offering=offering, today=today, seats=seats)
    if refusal and offering_refusal(offering=offering, today=today) is None:
        taken = offering.enrollments.filter(status__in=HOLDS_A_PLACE).count()
        refusal = NOT_ENOUGH_ROOM % {
            "offering": offering,
            # Only a capped offering is refused for room.
            "free": cast(int, offering.capacity) - taken,
            "seats": seats,
        }
    if refusal:
        raise OrderRefused(refusal)


def _check_participants(offering, participants, today) -> None:
    if len(participants) < MIN_PARTICIPANTS:
        raise OrderRefused(TOO_FEW % {"n": MIN_PARTICIPANTS})
    seen: set[str] = set()
    for _name, email in participants:
        if email.lower() in seen:
            raise OrderRefused(DUPLICATE_EMAIL % {"email": email})
        seen.add(email.lower())
    if offering.unit.has_tracks:
        raise OrderRefused(HAS_TRACKS % {"unit": offering.unit.title})
    _check_room(offering, len(participants), today)
    enrolled = set(
        Enrollment.objects.filter(
            offering=offering, learner__email__in=seen
        ).values_list("learner__email", flat=True)
    )
    holdings = unit_holdings_by_email(emails=seen, unit=offering.unit)
    for name, email in participants:
        if email.lower() in enrolled:
            raise OrderRefused(
                ALREADY_ENROLLED % {"name": name, "email": email, "offering": offering}
            )
        holding = holdings.get(email.lower())
        warning = holding and holding.participant_refusal(name=name, email=email)
        if warning:
            raise OrderRefused(warning)


@transaction.atomic
def group_order_create(
    *,
    leader,
    offering: Offering,
    participants: list[tuple[str, str]],
    today: dt.date,
    organisation: str = "",
) -> GroupOrder:
    """Record a quoted order and its participants, or raise ``OrderRefused``.

    Everything or nothing: the checks run before the first write.
    """
    offering = Offering.objects.select_related("unit").get(pk=offering.pk)
    _check_participants(offering, participants, today)
    group_order_quote(offering=offering, seats=len(participants))
    order = GroupOrder(leader=leader, offering=offering, organisation=organisation)
    order.full_clean()
    order.save()
    rows = [Participant(order=order, name=n, email=e.lower()) for n, e in participants]
    for row in rows:
        # The order exists and uniqueness is checked above (and by the database).
        row.clean_fields(exclude=["order"])
    Participant.objects.bulk_create(rows, batch_size=500)
    return order


def _invoice_lines(order: GroupOrder, order_quote: Quote) -> list[LineData]:
    return [
        LineData(
            description=f"{order.offering}: {line.description}",
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            amount=line.amount,
        )
        for line in order_quote.lines
    ]
