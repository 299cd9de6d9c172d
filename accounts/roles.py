"""Roles are Django groups: learner, facilitator, admin.

Role checks say what kind of person this is; the object checks (whose enrollment,
which offering) live in the selectors that fetch the object.
"""

from django.utils.translation import gettext_lazy as _

LEARNERS = "Learners"
FACILITATORS = "Facilitators"
ADMINS = "Admins"
ROLES = (LEARNERS, FACILITATORS, ADMINS)
ROLE_LABELS = {
    LEARNERS: _("Learner"),
    FACILITATORS: _("Facilitator"),
    ADMINS: _("Admin"),
}


def role_names(user) -> frozenset[str]:
    """The user's group names, read once per user object (one query)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_role_names = cached
    return cached


def role_names_forget(user) -> None:
    """Drop the cached group names after the user's groups change."""
    user.__dict__.pop("_portal_role_names", None)


def is_learner(user) -> bool:
    return LEARNERS in role_names(user)


def is_facilitator(user) -> bool:
    return FACILITATORS in role_names(user)


def is_portal_admin(user) -> bool:
    """Superusers and members of Admins see and manage everything."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ADMINS in role_names(user)
