from django import template

from accounts.roles import is_facilitator, is_portal_admin
from enrollments.selectors import holds_enrollment

register = template.Library()


@register.filter
def learns_here(user) -> bool:
    """Learners see their certificates and transcript; facilitators and admins
    only when they hold an enrollment themselves (one query, staff only)."""
    if not (is_facilitator(user) or is_portal_admin(user)):
        return True
    return holds_enrollment(user=user)
