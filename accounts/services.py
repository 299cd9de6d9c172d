"""Writes of accounts: roles (groups with their permissions) and profiles."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from audit.models import AuditEvent
from audit.services import audit_event_record

from .models import User
from .roles import ADMINS, FACILITATORS, LEARNERS, ROLES, role_names_forget

# Admins manage everything the portal records.
ADMIN_APPS = (
    "programs",
    "enrollments",
    "reviews",
    "certificates",
    "ledger",
    "audit",
    "api",
    "learnerdata",
)
# Facilitators read the catalogue and the learning records of their offerings
# (the portal's views narrow that to their own offerings), record attendance,
# and review submissions.
FACILITATOR_VIEW_APPS = ("programs", "enrollments")
FACILITATOR_CODENAMES = ("add_attendance", "change_attendance")
FACILITATOR_REVIEW_APPS = ("reviews",)
PROFILE_FIELDS = ("legal_name", "organisation", "professional_role")


def _role_permissions() -> dict[str, Q | None]:
    """Which permissions each group holds; None means none at all."""
    review_actions = Q(codename__startswith="view_") | Q(codename__startswith="add_")
    review_actions |= Q(codename__startswith="change_")
    return {
        LEARNERS: None,
        FACILITATORS: (
            Q(
                content_type__app_label__in=FACILITATOR_VIEW_APPS,
                codename__startswith="view_",
            )
            | Q(
                content_type__app_label="enrollments",
                codename__in=FACILITATOR_CODENAMES,
            )
            | (Q(content_type__app_label__in=FACILITATOR_REVIEW_APPS) & review_actions)
        ),
        ADMINS: Q(content_type__app_label__in=ADMIN_APPS),
    }


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the three role groups and set their permissions. Idempotent."""
    groups = {}
    for name, condition in _role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = (
            Permission.objects.filter(condition) if condition is not None else []
        )
        group.permissions.set(permissions)
        groups[name] = group
    return groups


@transaction.atomic
def user_role_assign(*, user: User, role: str) -> User:
    """Add ``user`` to a role's group; an admin also gets access to /admin/."""
    if role not in ROLES:
        raise ValueError(role)
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if role == ADMINS and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    role_names_forget(user)
    return user


def user_legal_name_audit(*, user: User, before: str, actor) -> None:
    """Record a change of the name printed on certificates: who, when, from what.

    Call inside the transaction that saved ``user``; an unchanged name records
    nothing.
    """
    if user.legal_name == before:
        return
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.LEGAL_NAME_CHANGED,
        target=user,
        learner=user,
        summary=f"{user.email}: legal name changed",
        before={"legal_name": before},
        after={"legal_name": user.legal_name},
    )


@transaction.atomic
def user_profile_update(
    *,
    user: User,
    actor,
    legal_name: str,
    organisation: str = "",
    professional_role: str = "",
    maryland_certified: bool = False,
) -> User:
    """Save the profile fields certificates and forms are produced from; a new
    legal name is audited with ``actor``."""
    before_name = (
        User.objects.filter(pk=user.pk).values_list("legal_name", flat=True).first()
    )
    user.legal_name = legal_name.strip()
    user.organisation = organisation.strip()
    user.professional_role = professional_role
    user.maryland_certified = maryland_certified
    user.full_clean()
    user.save(update_fields=[*PROFILE_FIELDS, "maryland_certified"])
    # The name first given at sign-up replaces nothing, so it is not a change.
    if before_name:
        user_legal_name_audit(user=user, before=before_name, actor=actor)
    return user


@transaction.atomic
def learner_signup_complete(*, user: User, **profile) -> User:
    """Finish a sign-up: the profile given on the form, and the learner role."""
    user_profile_update(user=user, actor=user, **profile)
    return user_role_assign(user=user, role=LEARNERS)
