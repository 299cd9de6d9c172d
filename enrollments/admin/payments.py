"""Admin for payments: recorded through the service (checked and audited), never
changed or deleted; a mistake is undone by a cancellation or a refund entry."""

from django import forms
from django.contrib import admin

from core import clock

from ..models import Payment
from ..services.payments import payment_record, payment_refusal


class PaymentForm(forms.ModelForm):
    """Asks the service's own check, so a refused entry shows its reason on the
    form and nothing is written."""

    class Meta:
        model = Payment
        fields = [
            "invoice",
            "kind",
            "amount",
            "paid_on",
            "method",
            "reference",
            "cancels",
        ]

    def clean(self):
        cleaned = super().clean()
        needed = ("invoice", "kind", "amount", "paid_on")
        if all(cleaned.get(name) is not None for name in needed):
            refusal = payment_refusal(
                invoice=cleaned["invoice"],
                kind=cleaned["kind"],
                amount=cleaned["amount"],
                paid_on=cleaned["paid_on"],
                cancels=cleaned.get("cancels"),
                today=clock.today(),
            )
            if refusal:
                raise forms.ValidationError(refusal)
        return cleaned


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "invoice",
        "paid_on",
        "kind",
        "amount",
        "method",
        "reference",
        "recorded_by",
    ]
    list_filter = ["kind", "method", "paid_on"]
    search_fields = ["invoice__number", "reference", "invoice__billed_to__email"]
    list_select_related = ["invoice", "recorded_by"]
    date_hierarchy = "paid_on"
    form = PaymentForm
    fields = ["invoice", "kind", "amount", "paid_on", "method", "reference", "cancels"]
    raw_id_fields = ["invoice", "cancels"]
    actions = None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not change:
            form.base_fields["paid_on"].initial = clock.today()
        return form

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = payment_record(
            invoice=obj.invoice,
            actor=request.user,
            kind=obj.kind,
            amount=obj.amount,
            paid_on=obj.paid_on,
            method=obj.method,
            reference=obj.reference,
            cancels=obj.cancels,
        )
        obj.pk, obj.recorded_by, obj.recorded_at = (
            saved.pk,
            saved.recorded_by,
            saved.recorded_at,
        )
