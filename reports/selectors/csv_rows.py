"""The rows of each CSV export, under the report's filters, in one query each.

Each queryset joins what its columns read (``select_related``) and is read with
``.iterator()`` by the writer, so an export streams in constant memory.
"""

from collections.abc import Iterator

from django.db.models import Q, Sum

from certificates.models import Award
from enrollments.models import Enrollment, Invoice
from enrollments.selectors.invoices import invoices_with_money
from reviews.models import Review

from ..filters import ReportFilters

CHUNK = 500


def enrollments_for_export(*, filters: ReportFilters) -> Iterator[Enrollment]:
    return (
        Enrollment.objects.filter(
            filters.unit_q("offering__unit"), filters.days_q("created_at")
        )
        .select_related("learner", "offering__unit__provider", "invoice")
        .order_by("created_at", "pk")
        .iterator(chunk_size=CHUNK)
    )


def invoices_for_export(*, filters: ReportFilters) -> Iterator[Invoice]:
    """Invoices of group orders and of single enrollments, with their seats."""
    units = filters.units()
    in_scope = (
        Q()
        if units is None
        else Q(order__offering__unit__in=units)
        | Q(enrollment__offering__unit__in=units)
    )
    return (
        invoices_with_money(
            Invoice.objects.filter(in_scope, filters.days_q("issued_at"))
        )
        .select_related(
            "billed_to",
            "order__offering__unit__provider",
            "enrollment__offering__unit__provider",
        )
        # A discount is a line of its own (quantity 1, a negative amount).
        .annotate(seats=Sum("lines__quantity", filter=Q(lines__amount__gte=0)))
        .order_by("issued_at", "pk")
        .iterator(chunk_size=CHUNK)
    )


def reviews_for_export(*, filters: ReportFilters) -> Iterator[Review]:
    """Every review, automatic feedback included (marked so in its column)."""
    return (
        Review.objects.filter(
            filters.unit_q("version__submission__enrollment__offering__unit"),
            filters.days_q("created_at"),
        )
        .select_related(
            "reviewer",
            "version__submission__requirement",
            "version__submission__enrollment__learner",
            "version__submission__enrollment__offering__unit__provider",
        )
        .order_by("created_at", "pk")
        .iterator(chunk_size=CHUNK)
    )


def awards_for_export(*, filters: ReportFilters) -> Iterator[Award]:
    """Awards in every status, by the day earned (pending ones have no issue day)."""
    return (
        Award.objects.filter(
            filters.award_q(), filters.days_q("earned_on", is_datetime=False)
        )
        .select_related("learner", "unit__provider", "program__provider")
        .order_by("earned_on", "pk")
        .iterator(chunk_size=CHUNK)
    )
