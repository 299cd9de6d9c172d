"""Every admin page about a learner links to their progress ("why not yet").

Registered from certificates (which may read accounts and enrollments, not the
reverse) over the user and enrollment admins: each gains a "Why not yet" link
to ``admin:certificates_award_progress``, where an admin can evaluate now.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin import UserAdmin
from enrollments.admin.enrollment import EnrollmentAdmin
from enrollments.models import Enrollment

WHY_NOT_YET = _("Why not yet")


def progress_link(learner_id: int | None) -> str:
    if learner_id is None:
        return "-"
    url = reverse("admin:certificates_award_progress", args=[learner_id])
    return format_html('<a href="{}">{}</a>', url, WHY_NOT_YET)


class UserProgressAdmin(UserAdmin):
    readonly_fields = [*UserAdmin.readonly_fields, "progress"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Progress"), {"fields": ["progress"]})]

    @admin.display(description=_("progress toward credentials"))
    def progress(self, user):
        return progress_link(user.pk)


class EnrollmentProgressAdmin(EnrollmentAdmin):
    list_display = [*EnrollmentAdmin.list_display, "progress"]
    fields = [*EnrollmentAdmin.fields, "progress"]
    readonly_fields = [*EnrollmentAdmin.readonly_fields, "progress"]

    @admin.display(description=_("progress"))
    def progress(self, enrollment):
        return progress_link(enrollment.learner_id)


admin.site.register(get_user_model(), UserProgressAdmin)
admin.site.register(Enrollment, EnrollmentProgressAdmin)
