"""Group orders: the leader names participants, sees a quote, confirms, gets an invoice.

Views stay thin: permission through ``.selectors``, writes through
``.services``.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core import clock
from enrollments.jobs.services import group_order_confirm_start

from ..models import GroupOrder
from ..selectors.invoices import invoice_money, invoice_payments
from .forms import GroupOrderForm
from .selectors import (
    invoice_get_for_viewer,
    offerings_open_for_groups,
    order_get_for_leader,
    order_participants_flagged,
)
from .services import OrderRefused, group_order_create, group_order_quote


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request):
    if request.method == "POST":
        form = GroupOrderForm(request.POST, request.FILES, today=clock.today())
        if form.is_valid():
            try:
                order = group_order_create(
                    leader=request.user,
                    offering=form.cleaned_data["offering"],
                    participants=form.cleaned_data["participant_list"],
                    organisation=form.cleaned_data["organisation"],
                    today=clock.today(),
                )
            except OrderRefused as refused:
                form.add_error(None, refused.message)
            else:
                return redirect("orders:quote", pk=order.pk)
    else:
        today = clock.today()
        chosen = request.GET.get("offering", "")
        offering = next(
            (o for o in offerings_open_for_groups(today=today) if str(o.pk) == chosen),
            None,
        )
        form = GroupOrderForm(initial={"offering": offering}, today=today)
    return render(request, "orders/order_form.html", {"form": form})


def _quote_page(request, order, error: str = ""):
    participants = order_participants_flagged(order=order)
    context = {"order": order, "participants": participants, "error": error}
    try:
        context["quote"] = group_order_quote(
            offering=order.offering, seats=len(context["participants"])
        )
    except OrderRefused as refused:
        context["error"] = refused.message
    return render(request, "orders/quote.html", context)


@login_required
@require_http_methods(["GET"])
def order_quote(request, pk: int):
    order = order_get_for_leader(user=request.user, pk=pk)
    if order.status == GroupOrder.Status.CONFIRMED:
        return redirect("orders:invoice", number=order.invoice.number)
    return _quote_page(request, order)


@login_required
@require_POST
def order_confirm(request, pk: int):
    """Start the confirmation job and show its progress page at once (the worker
    enrolls and invites; with no broker the job has run before the redirect)."""
    order = order_get_for_leader(user=request.user, pk=pk)
    try:
        job = group_order_confirm_start(order=order, leader=request.user)
    except OrderRefused:  # confirmed before jobs ran confirmations
        return redirect("orders:invoice", number=order.invoice.number)
    return redirect(job)


@login_required
@require_http_methods(["GET"])
def invoice_detail(request, number: str):
    """An invoice for the person billed (or an admin): its status, what it still
    needs, the entries recorded on it and how to pay it."""
    invoice = invoice_get_for_viewer(user=request.user, number=number)
    offering = invoice.order.offering if invoice.order else invoice.enrollment.offering
    return render(
        request,
        "orders/invoice.html",
        {
            "invoice": invoice,
            "money": invoice_money(invoice),
            "payments": invoice_payments(invoice),
            "provider": offering.unit.provider,
        },
    )
