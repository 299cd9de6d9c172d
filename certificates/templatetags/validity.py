"""``{{ award|expired }}``: whether an award is past its last valid day today."""

from django import template

from core import clock

from ..selectors.validity import award_is_expired

register = template.Library()


@register.filter
def expired(award) -> bool:
    return award_is_expired(award, today=clock.today())
