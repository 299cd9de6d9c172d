"""Admin for enrollments and the records around them.

These records change only through their services (registration, attendance,
extensions, past-completion import), which validate, audit and announce
``progress_changed``; here admins find and read them, and approve a
graduate-credit track.
"""

from django.contrib import admin

from ..models import Attendance, Extension

LEARNER_SEARCH = ["learner__email", "learner__legal_name"]
ENROLLMENT_LEARNER_SEARCH = [
    "enrollment__learner__email",
    "enrollment__learner__legal_name",
]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0
    fields = ["requirement", "new_deadline", "reason", "granted_by", "granted_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EnrollmentAdmin(admin.ModelAdmin):
    """Registered by ``certificates.admin.progress_links``, whose subclass links
    each learner's progress ("why not yet", a layer above enrollments)."""

    list_display = ["learner", "offering", "status", "track", "track_approved"]
    list_display += ["created_at"]
    list_filter = ["status", "track", "track_approved", "offering__unit__provider"]
    search_fields = [*LEARNER_SEARCH, "offering__unit__title", "offering__label"]
    list_select_related = ["learner", "offering__unit"]
    fields = ["learner", "offering", "status", "track", "track_approved"]
    fields += ["group_order", "created_at", "completed_at"]
    readonly_fields = ["learner", "offering", "status", "group_order", "created_at"]
    readonly_fields += ["completed_at"]
    date_hierarchy = "created_at"
    inlines = [ExtensionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["enrollment", "session", "method", "marked_by", "marked_at"]
    list_filter = ["method", "session__kind", "session__offering__unit"]
    search_fields = ENROLLMENT_LEARNER_SEARCH
    list_select_related = ["enrollment__learner", "enrollment__offering__unit"]
    list_select_related += ["session__offering__unit", "marked_by"]


@admin.register(Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ["enrollment", "requirement", "new_deadline", "granted_by"]
    list_display += ["granted_at"]
    list_filter = ["requirement__unit"]
    search_fields = [*ENROLLMENT_LEARNER_SEARCH, "reason"]
    list_select_related = ["enrollment__learner", "enrollment__offering__unit"]
    list_select_related += ["requirement__unit", "granted_by"]
