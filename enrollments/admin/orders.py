"""Admin for group orders and invoices; admins mark invoices paid or void here.

Money history is append-only: an invoice sent in error is voided, never deleted,
and no order, invoice or line is deleted here (nor by the bulk delete action,
which Django offers only with the delete permission).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from ..models import GroupOrder, Invoice, InvoiceLine, Participant
from ..services.invoices import invoice_mark_paid, invoice_void

SKIPPED = ngettext_lazy(
    "%(n)s invoice left as it was: only an issued invoice is marked paid or void.",
    "%(n)s invoices left as they were: only an issued invoice is marked paid or void.",
    "n",
)


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


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    """Amounts and lines are what was sent, so they are read-only here."""

    list_display = ["number", "billed_to", "total", "currency", "status", "issued_at"]
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
        "status",
        "issued_at",
        "paid_at",
    ]
    inlines = [InvoiceLineInline]
    actions = ["mark_paid", "mark_void"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Both actions write: a user who may only view invoices must not run them.
    @admin.action(description=_("Mark paid"), permissions=["change"])
    def mark_paid(self, request, queryset):
        self._apply(request, queryset, invoice_mark_paid)

    @admin.action(description=_("Void"), permissions=["change"])
    def mark_void(self, request, queryset):
        self._apply(request, queryset, invoice_void)

    def _apply(self, request, queryset, service):
        """Change the issued invoices; a paid or void one is left as it was."""
        invoices = list(queryset)
        issued = [i for i in invoices if i.status == Invoice.Status.ISSUED]
        for invoice in issued:
            service(invoice=invoice, actor=request.user)
        if issued:
            self.message_user(
                request,
                ngettext(
                    "%(n)d invoice updated.", "%(n)d invoices updated.", len(issued)
                )
                % {"n": len(issued)},
                messages.SUCCESS,
            )
        skipped = len(invoices) - len(issued)
        if skipped:
            self.message_user(request, SKIPPED % {"n": skipped}, messages.WARNING)
