from django import template

from accounts.roles import is_portal_admin

register = template.Library()


@register.filter(name="is_portal_admin")
def is_portal_admin_filter(user) -> bool:
    """``{% if request.user|is_portal_admin %}``: ``accounts.roles``' check."""
    return is_portal_admin(user)
