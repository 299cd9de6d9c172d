from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: admins read the trail; nobody edits or deletes it."""

    list_display = ["created_at", "action", "actor", "learner", "summary"]
    list_filter = ["action", "created_at"]
    search_fields = ["summary", "actor__email", "learner__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "learner"]
    readonly_fields = [
        "created_at",
        "actor",
        "action",
        "learner",
        "target_type",
        "target_id",
        "summary",
        "before",
        "after",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
