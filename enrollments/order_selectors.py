"""Reads for group orders and invoices, with their object-permission lookups.

A wrong id and someone else's order or invoice both give 404, never the record.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import is_portal_admin
from programs.models import Offering

from .models import GroupOrder, Invoice, InvoiceLine


def offering_orderable_list() -> QuerySet[Offering]:
    """Offerings of published units that a group leader may choose from."""
    return Offering.objects.filter(unit__is_published=True).select_related("unit")


def order_get_for_leader(*, user, pk: int) -> GroupOrder:
    """The leader's own group order with its participants, or 404."""
    queryset = GroupOrder.objects.select_related("offering__unit").prefetch_related(
        "participants", "offering__unit__group_tiers"
    )
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
        Invoice.objects.filter(visible)
        .select_related(
            "billed_to", "order__offering__unit", "enrollment__offering__unit"
        )
        .prefetch_related(
            Prefetch("lines", queryset=InvoiceLine.objects.order_by("position")),
            "order__participants",
        )
    )
    return get_object_or_404(queryset, number=number)


def invoices_billed_to(*, user) -> QuerySet[Invoice]:
    """The invoices billed to ``user``, newest first, with what each is for."""
    return Invoice.objects.filter(billed_to=user).select_related(
        "order__offering__unit", "enrollment__offering__unit"
    )
