from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import clock
from core.refusal import Refusal

from .models import (
    HeldCertificate,
    LedgerDocument,
    LedgerReminder,
    OutsideCredit,
    StateCertificateType,
)
from .services import outside_credit_verify


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the learner (or the worker) writes; admins read them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StateCertificateType)
class StateCertificateTypeAdmin(admin.ModelAdmin):
    list_display = [
        "state",
        "name",
        "credits_needed",
        "window_years",
        "cpd_credits_per_credit",
        "clock_hours_per_credit",
        "ceus_per_credit",
    ]
    list_filter = ["state"]
    search_fields = ["state", "name"]


@admin.register(HeldCertificate)
class HeldCertificateAdmin(ReadOnlyAdmin):
    list_display = ["learner", "certificate_type", "number", "expires_on"]
    list_filter = ["certificate_type"]
    search_fields = ["learner__email", "learner__legal_name", "number"]
    list_select_related = ["learner", "certificate_type"]


@admin.register(OutsideCredit)
class OutsideCreditAdmin(ReadOnlyAdmin):
    """Verified with the action (audited); the evidence opens through the
    portal's permission check, never the storage's URL."""

    list_display = [
        "learner",
        "activity",
        "earned_on",
        "amount",
        "unit",
        "verified_at",
        "verified_by",
    ]
    list_filter = [("verified_at", admin.EmptyFieldListFilter), "unit"]
    search_fields = ["learner__email", "learner__legal_name", "activity"]
    list_select_related = ["learner", "verified_by"]
    exclude = ["evidence"]
    actions = ["verify"]

    def has_change_permission(self, request, obj=None) -> bool:
        # The action needs it; every field stays read-only.
        return super(ReadOnlyAdmin, self).has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in OutsideCredit._meta.fields if f.name != "evidence"]

    @admin.action(description=_("Verify the selected entries (they then count)"))
    def verify(self, request, queryset: QuerySet[OutsideCredit]) -> None:
        verified = 0
        for entry in queryset.filter(verified_at__isnull=True).order_by("pk"):
            try:
                outside_credit_verify(
                    entry=entry, verifier=request.user, now=clock.now()
                )
            except Refusal as refusal:
                self.message_user(request, refusal.message, messages.WARNING)
            else:
                verified += 1
        self.message_user(
            request,
            ngettext("%(n)d entry verified.", "%(n)d entries verified.", verified)
            % {"n": verified},
            messages.SUCCESS,
        )


@admin.register(LedgerReminder)
class LedgerReminderAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "expires_on", "months_before", "sent_at"]
    list_select_related = ["certificate__certificate_type", "certificate__learner"]


@admin.register(LedgerDocument)
class LedgerDocumentAdmin(ReadOnlyAdmin):
    list_display = ["learner", "status", "produced_on", "requested_at"]
    list_filter = ["status"]
    list_select_related = ["learner"]
    exclude = ["file"]
