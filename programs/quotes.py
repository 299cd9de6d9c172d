"""Pure pricing: a unit's individual price and group tiers, turned into a quote.

No database and no clock. Callers pass plain values (``tier_rules`` converts the
unit's ``GroupTier`` rows). Every amount is a ``Decimal`` rounded half up to the cent.

The tier with the highest threshold at or below the number of seats applies:
a per-person tier replaces the individual price for every seat ("from 4: USD 295
per person"); a percent-off tier takes that share off the total ("from 10: 25% off
the invoice"). A percent-off tier can make a larger group cheaper in all than a
smaller one (10 seats at 25% off cost less than 9 at full price): the quote and the
unit's admin page both say so.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal

from .money import format_money

CENT = Decimal("0.01")

NO_PRICE = _("This unit has no published price; contact the provider.")
AT_LEAST_ONE_SEAT = _("A quote is for at least one seat.")
LARGER_GROUP_COSTS_LESS = _(
    "%(larger)s seats (%(larger_total)s) cost less in all than %(smaller)s seats "
    "(%(smaller_total)s)."
)
LARGER_GROUP_WOULD_COST_LESS = _(
    "%(larger)s seats would cost less in total (%(larger_total)s) than the "
    "%(smaller)s in this quote (%(smaller_total)s)."
)
SEATS_LINE = _("Seats at the individual price")
GROUP_SEATS_LINE = _("Seats at the group price from %(n)s people")
DISCOUNT_LINE = _("Group discount: %(percent)s%% off the total from %(n)s people")


class PricingError(Refusal):
    """No quote can be given; ``message`` says why."""


@dataclass(frozen=True)
class TierRule:
    """One group tier: exactly one of ``percent_off`` or ``price_per_person``."""

    min_participants: int
    percent_off: Decimal | None = None
    price_per_person: Decimal | None = None


@dataclass(frozen=True)
class QuoteLine:
    """One line of a quote; a discount line has a negative amount."""

    description: str
    quantity: int
    unit_amount: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Quote:
    currency: str
    seats: int
    lines: tuple[QuoteLine, ...]
    subtotal: Decimal
    discount: Decimal
    total: Decimal
    tier: TierRule | None
    warnings: tuple[str, ...]


def tier_rules(group_tiers: Iterable[Any]) -> list[TierRule]:
    """Plain rules from ``GroupTier`` rows (or anything with the same attributes)."""
    return [
        TierRule(
            min_participants=tier.min_participants,
            percent_off=tier.percent_off,
            price_per_person=tier.price_per_person,
        )
        for tier in group_tiers
    ]


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def applicable_tier(tiers: Iterable[TierRule], seats: int) -> TierRule | None:
    """The tier with the highest threshold at or below ``seats``, or None."""
    reached = [tier for tier in tiers if tier.min_participants <= seats]
    return max(reached, key=lambda tier: tier.min_participants, default=None)


def _lines(price: Decimal, tier: TierRule | None, seats: int) -> list[QuoteLine]:
    if tier is not None and tier.price_per_person is not None:
        unit_amount = _cents(tier.price_per_person)
        description = GROUP_SEATS_LINE % {"n": tier.min_participants}
        return [QuoteLine(str(description), seats, unit_amount, unit_amount * seats)]
    unit_amount = _cents(price)
    lines = [QuoteLine(str(SEATS_LINE), seats, unit_amount, unit_amount * seats)]
    if tier is not None and tier.percent_off is not None:
        discount = _cents(unit_amount * seats * tier.percent_off / 100)
        description = DISCOUNT_LINE % {
            "percent": f"{tier.percent_off.normalize():f}",
            "n": tier.min_participants,
        }
        lines.append(QuoteLine(str(description), 1, -discount, -discount))
    return lines


def total_for(price: Decimal, tiers: list[TierRule], seats: int) -> Decimal:
    """What ``seats`` seats cost in all."""
    lines = _lines(price, applicable_tier(tiers, seats), seats)
    return sum((line.amount for line in lines), Decimal("0.00"))


def _larger_group_message(
    template: Promise,
    price: Decimal,
    currency: str,
    tiers: list[TierRule],
    larger: int,
    smaller: int,
) -> str:
    return str(
        str(template)
        % {
            "larger": larger,
            "larger_total": format_money(total_for(price, tiers, larger), currency),
            "smaller": smaller,
            "smaller_total": format_money(total_for(price, tiers, smaller), currency),
        }
    )


def cheaper_larger_group_warnings(
    price: Decimal | None, tiers: list[TierRule], currency: str = "USD"
) -> list[str]:
    """For each tier at N that makes N seats cost less in all than N-1 seats."""
    if price is None:
        return []
    return [
        _larger_group_message(LARGER_GROUP_COSTS_LESS, price, currency, tiers, n, n - 1)
        for n in sorted(tier.min_participants for tier in tiers)
        if total_for(price, tiers, n) < total_for(price, tiers, n - 1)
    ]


def _quote_warnings(
    price: Decimal,
    currency: str,
    tiers: list[TierRule],
    seats: int,
    tier: TierRule | None,
) -> list[str]:
    """Whether a larger group would cost less, or this one costs less than a smaller.

    A quote for 9 seats under a "from 10: 25% off" tier says that 10 seats would
    cost less in total; a quote for 10 says that 10 cost less than 9.
    """
    warnings = [
        _larger_group_message(
            LARGER_GROUP_WOULD_COST_LESS, price, currency, tiers, n, seats
        )
        for n in sorted(
            {t.min_participants for t in tiers if t.min_participants > seats}
        )
        if total_for(price, tiers, n) < total_for(price, tiers, seats)
    ]
    if tier is not None:
        smaller = tier.min_participants - 1
        if total_for(price, tiers, seats) < total_for(price, tiers, smaller):
            warnings.append(
                _larger_group_message(
                    LARGER_GROUP_COSTS_LESS, price, currency, tiers, seats, smaller
                )
            )
    return warnings


def quote(
    price: Decimal | None, currency: str, tiers: list[TierRule], seats: int
) -> Quote:
    """The quote for ``seats`` seats, or ``PricingError`` when none can be given."""
    if price is None:
        raise PricingError(NO_PRICE)
    if seats < 1:
        raise PricingError(AT_LEAST_ONE_SEAT)
    tier = applicable_tier(tiers, seats)
    lines = _lines(price, tier, seats)
    subtotal = sum((line.amount for line in lines if line.amount > 0), Decimal("0.00"))
    discount = -sum((line.amount for line in lines if line.amount < 0), Decimal("0"))
    return Quote(
        currency=currency,
        seats=seats,
        lines=tuple(lines),
        subtotal=subtotal,
        discount=_cents(discount),
        total=subtotal - discount,
        tier=tier,
        warnings=tuple(_quote_warnings(price, currency, tiers, seats, tier)),
    )
