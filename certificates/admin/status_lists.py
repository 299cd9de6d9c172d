from django.contrib import admin

from ..models import StatusList


@admin.register(StatusList)
class StatusListAdmin(admin.ModelAdmin):
    """The providers' published revocation lists, to look at: an index is given
    when an award is issued and a bit set when one is revoked or superseded (in
    the award's admin), and the worker signs the list; nothing is edited here."""

    list_display = ["provider", "number", "next_index", "signed_at", "needs_signing"]
    list_filter = ["provider", "needs_signing"]
    fields = ["provider", "number", "next_index", "signed_at", "needs_signing", "etag"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
