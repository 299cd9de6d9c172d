"""Money as people read it: "USD 375" for whole amounts, "USD 1,180.50" otherwise."""

from decimal import Decimal


def format_money(amount: Decimal, currency: str) -> str:
    if amount == amount.to_integral_value():
        return f"{currency} {amount:,.0f}"
    return f"{currency} {amount:,.2f}"
