from rest_framework.permissions import BasePermission

from accounts.roles import is_portal_admin


class IsPortalAdmin(BasePermission):
    """Superusers and members of Admins (``accounts.roles``)."""

    message = "Only portal admins may read this."

    def has_permission(self, request, view) -> bool:
        return is_portal_admin(request.user)
