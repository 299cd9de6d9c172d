"""Who may act on an offering as its facilitator: the one place that decides.

Every view and service that lets a facilitator see or change an offering's work
(reviews, attendance, rosters, dashboards) asks here. An admin may act on every
offering; a facilitator on the offerings they are listed on, and only while they
hold the facilitator role, so that taking the role away ends the access at once.
Lookups answer 404 for a wrong id and for someone else's object alike.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import FACILITATORS, is_facilitator, is_portal_admin
from programs.models import Offering, Session

from .models import Enrollment


def facilitated_offerings(*, user) -> QuerySet[Offering]:
    """The offerings ``user`` may act on: all for an admin, their own otherwise."""
    offerings = Offering.objects.select_related("unit__provider")
    if is_portal_admin(user):
        return offerings
    if not is_facilitator(user):
        return offerings.none()
    return offerings.filter(facilitators=user)


def may_facilitate(*, user, offering: Offering) -> bool:
    """Whether ``user`` may act on ``offering`` as its facilitator.

    Read once per user object and offering (as ``role_names`` reads the roles
    once): a view that checks before it calls a service that checks again
    asks the database once.
    """
    if is_portal_admin(user):
        return True
    if not is_facilitator(user):
        return False
    listed = user.__dict__.setdefault("_portal_facilitates", {})
    if offering.pk not in listed:
        listed[offering.pk] = offering.facilitators.filter(pk=user.pk).exists()
    return listed[offering.pk]


def offering_get_for_facilitator(*, user, pk: int) -> Offering:
    """An offering ``user`` may act on, or 404."""
    offering = get_object_or_404(Offering.objects.select_related("unit"), pk=pk)
    if not may_facilitate(user=user, offering=offering):
        raise Http404
    return offering


def session_get_for_facilitator(*, user, pk: int) -> Session:
    """A session of an offering ``user`` may act on, or 404."""
    session = get_object_or_404(Session.objects.select_related("offering__unit"), pk=pk)
    if not may_facilitate(user=user, offering=session.offering):
        raise Http404
    return session


def enrollments_visible_to(*, user) -> QuerySet[Enrollment]:
    """The enrollments ``user`` may open: their own, their offerings', or all."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    if is_portal_admin(user):
        return Enrollment.objects.all()
    visible = Q(learner=user)
    if is_facilitator(user):
        visible |= Q(offering__in=Offering.objects.filter(facilitators=user))
    return Enrollment.objects.filter(visible)


def offering_facilitators(*, offering: Offering):
    """The people who may act on ``offering`` as listed facilitators (role held)."""
    return offering.facilitators.filter(groups__name=FACILITATORS, is_active=True)
