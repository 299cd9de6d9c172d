from django.contrib import admin

from .models import BulkJob


@admin.register(BulkJob)
class BulkJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by their requests and the worker."""

    list_display = ["public_id", "kind", "started_by", "status", "done", "total"]
    list_filter = ["kind", "status"]
    search_fields = ["public_id", "started_by__email"]
    list_select_related = ["started_by"]
    readonly_fields = [field.name for field in BulkJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
