from django import template

from accounts.roles import is_facilitator, is_portal_admin

register = template.Library()


@register.filter
def is_reviewer(user) -> bool:
    """Facilitators and admins see the review queue link (their group names are
    read once per request)."""
    return is_facilitator(user) or is_portal_admin(user)
