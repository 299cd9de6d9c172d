"""Read-only records of learners' downloads and retention runs; the runs' list
opens with the preview of what the next run deletes."""

from django.contrib import admin

from core import clock

from .models import DataExport, RetentionNotice, RetentionRun
from .selectors import retention_preview_rows


class _ReadOnly(admin.ModelAdmin):
    """Written by the worker and the learners' requests only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(_ReadOnly):
    change_list_template = "admin/learnerdata/retentionrun/change_list.html"
    list_display = ["day", "ran_at", "files_deleted", "artifacts_marked"]
    readonly_fields = [field.name for field in RetentionRun._meta.fields]

    def changelist_view(self, request, extra_context=None):
        today = clock.today()
        extra_context = {
            **(extra_context or {}),
            "preview_day": today,
            "preview": retention_preview_rows(today=today),
        }
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(DataExport)
class DataExportAdmin(_ReadOnly):
    list_display = ["learner", "created_at", "status", "done", "total", "expires_on"]
    list_filter = ["status"]
    search_fields = ["learner__email"]
    list_select_related = ["learner"]
    readonly_fields = [field.name for field in DataExport._meta.fields]


@admin.register(RetentionNotice)
class RetentionNoticeAdmin(_ReadOnly):
    list_display = ["enrollment", "deletion_day", "claimed_at"]
    list_select_related = ["enrollment__learner", "enrollment__offering"]
    readonly_fields = [field.name for field in RetentionNotice._meta.fields]
