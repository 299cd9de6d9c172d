"""Reads of people by role."""

from django.db.models import QuerySet

from .models import User
from .roles import FACILITATORS


def facilitators_all() -> QuerySet[User]:
    """Active users holding the facilitator role: who may be set on an offering."""
    return User.objects.filter(groups__name=FACILITATORS, is_active=True)
