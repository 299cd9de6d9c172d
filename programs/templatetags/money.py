from django import template

from programs.money import format_money

register = template.Library()


@register.simple_tag
def money(amount, currency="USD"):
    """``{% money unit.price unit.currency %}``: "USD 375"."""
    return format_money(amount, currency)
