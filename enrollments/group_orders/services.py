"""Group orders: a leader buys seats in one offering for named participants.

``group_order_create`` records the order and its participants once every check
passes (status quoted); ``group_order_confirm`` issues the invoice, opens accounts
for newcomers and enrolls everyone in one transaction, then emails after commit.
"""

import datetime as dt
from typing import cast

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import LEARNERS
from accounts.services import user_role_assign
from credentials_portal.refusals import Refusal
from programs.models import Offering
from programs.quotes import PricingError, Quote, quote, tier_rules

from ..errors import EnrollmentRefused
from ..holding_selectors import unit_holdings_by_email
from ..models import Enrollment, GroupOrder, Invoice, Participant
from ..services.enrollment import HOLDS_A_PLACE, enrollment_create, offering_refusal
from ..services.invoices import LineData, invoice_issue
from .mail import order_mail_send

MIN_PARTICIPANTS = 2

TOO_FEW = _("A group order names at least %(n)s participants.")
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
    try:
        return quote(
            unit.price, unit.currency, tier_rules(unit.group_tiers.all()), seats
        )
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
    for name, email in participants:
        participant = Participant(order=order, name=name, email=email.lower())
        participant.full_clean()
        participant.save()
    return order


def _participant_account(participant: Participant) -> tuple:
    """The participant's user, opened (active, no password yet) if new.

    A newcomer gets the learner role, as a sign-up does, so that they can later
    enroll in other offerings on their own.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=participant.email).first()
    if user is not None:
        return user, False
    user = user_model(email=participant.email, legal_name=participant.name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(
        user=user, email=participant.email, primary=True, verified=True
    )
    user_role_assign(user=user, role=LEARNERS)
    return user, True


def _enroll(order: GroupOrder, participant: Participant, today: dt.date) -> bool:
    user, is_new = _participant_account(participant)
    try:
        enrollment_create(
            learner=user, offering=order.offering, group_order=order, today=today
        )
    except EnrollmentRefused as refused:
        raise OrderRefused(
            PARTICIPANT_REFUSED
            % {
                "name": participant.name,
                "email": participant.email,
                "reason": refused.message,
            }
        ) from refused
    participant.learner = user
    participant.invited_at = timezone.now()
    participant.save(update_fields=["learner", "invited_at"])
    return is_new


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


@transaction.atomic
def group_order_confirm(*, order: GroupOrder, today: dt.date) -> Invoice:
    """Invoice the leader and enroll every participant, or write nothing.

    The order row is locked so a double submit cannot confirm it twice. Invitations
    and the invoice email go out only after the transaction commits.
    """
    order = (
        GroupOrder.objects.select_for_update()
        .select_related("offering__unit", "leader")
        .get(pk=order.pk)
    )
    if order.status != GroupOrder.Status.QUOTED:
        raise OrderRefused(ALREADY_CONFIRMED)
    participants = list(order.participants.all())
    _check_participants(
        order.offering, [(p.name, p.email) for p in participants], today
    )
    order_quote = group_order_quote(offering=order.offering, seats=len(participants))
    invoice = invoice_issue(
        billed_to=order.leader,
        currency=order_quote.currency,
        lines=_invoice_lines(order, order_quote),
        order=order,
    )
    new_accounts = {p.pk for p in participants if _enroll(order, p, today)}
    order.status = GroupOrder.Status.CONFIRMED
    order.confirmed_at = timezone.now()
    order.full_clean()
    order.save(update_fields=["status", "confirmed_at"])
    transaction.on_commit(
        lambda: order_mail_send(order_id=order.pk, new_participant_ids=new_accounts)
    )
    return invoice
