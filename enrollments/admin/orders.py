"""Admin for group orders and invoices; admins void invoices here and record
payments in ``payments.py``.

Money history is append-only: an invoice sent in error is voided, never deleted,
and no order, invoice, line or payment is deleted here (nor by the bulk delete
action, which Django offers only with the delete permission).
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import GroupOrder, Invoice, InvoiceLine, Participant, Payment
from ..selectors.invoices import invoice_received, invoice_status, invoices_with_money
from ..services.invoices import InvoiceRefused, invoice_void


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["name", "email", "learner", "invited_at"]
    readonly_fields = ["learner", "invited_at"]
    raw_id_fields = ["learner"]
    can_delete = False


@admin.register(GroupOrder)
class GroupOrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "leader", "organisation", "status", "created_at"]
    list_filter = ["status", "offering__unit__provider"]
    search_fields = ["leader__email", "organisation", "participants__email"]
    list_select_related = ["leader", "offering__unit"]
    raw_id_fields = ["leader", "offering"]
    readonly_fields = ["status", "created_at", "confirmed_at"]
    inlines = [ParticipantInline]

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = ["position", "description", "quantity", "unit_amount", "amount"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PaymentInline(admin.TabularInline):
    """The invoice's entries, read-only: new ones go through the payment admin."""

    model = Payment
    fk_name = "invoice"
    extra = 0
    fields = ["paid_on", "kind", "amount", "method", "reference", "recorded_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    """Amounts and lines are what was sent, so they are read-only here; money is
    recorded as payments (``PaymentAdmin``), the status computed from them."""

    list_display = [
        "number",
        "billed_to",
        "total",
        "currency",
        "payment_status",
        "amount_received",
        "issued_at",
    ]
    list_filter = ["status", "currency", "issued_at"]
    search_fields = ["number", "billed_to__email", "billed_to__legal_name"]
    list_select_related = ["billed_to"]
    date_hierarchy = "issued_at"
    readonly_fields = [
        "number",
        "order",
        "enrollment",
        "billed_to",
        "currency",
        "total",
        "payment_status",
        "amount_received",
        "issued_at",
        "record_payment",
    ]
    fields = readonly_fields
    inlines = [InvoiceLineInline, PaymentInline]
    actions = ["mark_void"]

    def get_queryset(self, request):
        return invoices_with_money(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status"))
    def payment_status(self, invoice):
        return invoice_status(invoice).label

    @admin.display(description=_("received"))
    def amount_received(self, invoice):
        return invoice_received(invoice)

    @admin.display(description=_("new entry"))
    def record_payment(self, invoice):
        url = reverse("admin:enrollments_payment_add") + f"?invoice={invoice.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Record a payment"))

    # Voiding writes: a user who may only view invoices must not run it.
    @admin.action(description=_("Void"), permissions=["change"])
    def mark_void(self, request, queryset):
        """Void the issued invoices; a void one is left as it was, one that has
        received money is refused with its reason."""
        changed = 0
        for invoice in queryset.filter(status=Invoice.Status.ISSUED):
            try:
                invoice_void(invoice=invoice, actor=request.user)
            except InvoiceRefused as refused:
                self.message_user(request, refused.message, messages.ERROR)
            else:
                changed += 1
        if changed:
            self.message_user(
                request,
                ngettext("%(n)d invoice voided.", "%(n)d invoices voided.", changed)
                % {"n": changed},
                messages.SUCCESS,
            )
