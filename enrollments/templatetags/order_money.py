from django import template

from programs.pricing import format_amount

register = template.Library()


@register.simple_tag
def amount(value, currency="USD"):
    """``{% amount invoice.total invoice.currency %}``: "USD 3,000.00", with cents."""
    return format_amount(value, currency)
