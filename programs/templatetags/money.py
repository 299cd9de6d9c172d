from django import template

from programs.money import format_money

register = template.Library()


@register.simple_tag
def money(amount, currency="USD"):
    """``{% money invoice.total invoice.currency %}``: "USD 3,000.00"."""
    return format_money(amount, currency)
