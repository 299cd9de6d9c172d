"""``{{ invoice|invoice_status }}``: an invoice's status in a template, from the
one selector (no query when the invoice carries its ``received`` annotation)."""

from django import template

from ..selectors.invoices import invoice_status as status_of

register = template.Library()


@register.filter
def invoice_status(invoice):
    return status_of(invoice)
