"""Reads for group orders and invoices, with their object-permission lookups.

A wrong id and someone else's order or invoice both give 404, never the record.
"""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import is_portal_admin
from programs.models import Offering

from ..models import GroupOrder, Invoice, InvoiceLine, Participant
from ..selectors.holdings import unit_holdings_by_email
from ..selectors.invoices import invoices_with_money
from ..selectors.windows import offerings_enrollable


def offering_orderable_list() -> QuerySet[Offering]:
    """Offerings of published units that a group leader may choose from."""
    return Offering.objects.filter(unit__is_published=True).select_related("unit")


def offerings_open_for_groups(*, today: dt.date) -> list[Offering]:
    """What the group-order picker lists: offerings open to enrollment today, of
    priced units without tracks (each participant would choose one), by start date.

    A posted offering outside this list is still looked up in
    ``offering_orderable_list`` so the service can say why it is refused.
    """
    offerings = offering_orderable_list().filter(
        unit__has_tracks=False, unit__price__isnull=False
    )
    return offerings_enrollable(offerings=offerings, today=today)


def order_participants_flagged(*, order: GroupOrder) -> list[Participant]:
    """The order's participants, each with ``holding_warning`` (why they cannot be
    enrolled: they already hold the unit) and ``retake_allowed``."""
    participants = list(order.participants.all())
    holdings = unit_holdings_by_email(
        emails=[p.email for p in participants], unit=order.offering.unit
    )
    for participant in participants:
        holding = holdings.get(participant.email.lower())
        participant.holding_warning = holding and holding.participant_refusal(  # type: ignore[attr-defined]
            name=participant.name, email=participant.email
        )
        participant.retake_allowed = bool(holding and holding.retake_allowed)  # type: ignore[attr-defined]
    return participants


def order_get_for_leader(*, user, pk: int) -> GroupOrder:
    """The leader's own group order with its participants, or 404."""
    queryset = GroupOrder.objects.select_related(
        "offering__unit__provider"
    ).prefetch_related("participants", "offering__unit__group_tiers")
    return get_object_or_404(queryset, pk=pk, leader=user)


def invoice_get_for_viewer(*, user, number: str) -> Invoice:
    """An invoice seen by the person billed or by a portal admin, or 404.

    Staff status alone (access to /admin/) is not enough: the role decides, as it
    does for every other record.
    """
    visible = Q(billed_to=user)
    if is_portal_admin(user):
        visible = Q()
    queryset = (
        invoices_with_money(Invoice.objects.filter(visible))
        .select_related(
            "billed_to",
            "order__offering__unit__provider",
            "enrollment__offering__unit__provider",
        )
        .prefetch_related(
            Prefetch("lines", queryset=InvoiceLine.objects.order_by("position")),
            "order__participants",
        )
    )
    return get_object_or_404(queryset, number=number)


def invoices_billed_to(*, user) -> QuerySet[Invoice]:
    """The invoices billed to ``user``, newest first, with what each is for."""
    return invoices_with_money(Invoice.objects.filter(billed_to=user)).select_related(
        "order__offering__unit", "enrollment__offering__unit"
    )
