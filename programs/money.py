"""Money as every page, email and document prints it: "USD 1,180.00".

The one formatter of the portal: always the currency code and two decimals (the
accounting norm for quotes and invoices), so the catalogue, the quote, the invoice and
its email show the same amount the same way. Templates use ``{% money %}``
(``programs/templatetags/money.py``).
"""

from decimal import Decimal


def format_money(amount: Decimal, currency: str) -> str:
    return f"{currency} {Decimal(amount):,.2f}"
