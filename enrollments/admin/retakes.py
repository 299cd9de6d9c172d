"""Admin for retake allowances: grant or withdraw, both through the service
(audited); an allowance is never edited in place."""

from django.contrib import admin

from ..models import RetakeAllowance
from ..services.retakes import retake_allowance_grant, retake_allowance_withdraw


@admin.register(RetakeAllowance)
class RetakeAllowanceAdmin(admin.ModelAdmin):
    list_display = ["learner", "unit", "granted_by", "granted_at"]
    list_filter = ["unit__provider", "unit"]
    search_fields = ["learner__email", "learner__legal_name", "unit__title"]
    list_select_related = ["learner", "unit", "granted_by"]
    fields = ["learner", "unit", "reason", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]
    raw_id_fields = ["learner"]
    actions = None

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = retake_allowance_grant(
            granted_by=request.user,
            learner=obj.learner,
            unit=obj.unit,
            reason=obj.reason,
        )
        obj.pk, obj.granted_by, obj.granted_at = (
            saved.pk,
            saved.granted_by,
            saved.granted_at,
        )

    def delete_model(self, request, obj):
        retake_allowance_withdraw(withdrawn_by=request.user, allowance=obj)
