"""The catalogue's price rules, each at its boundaries (pure: no database)."""

from decimal import Decimal

import pytest

from programs.money import format_money
from programs.quotes import (
    NO_PRICE,
    PricingError,
    TierRule,
    cheaper_larger_group_warnings,
    quote,
)

CMTE_TIERS = [TierRule(min_participants=10, percent_off=Decimal("25"))]
ONLINE_CLASSROOM_TIERS = [
    TierRule(min_participants=4, price_per_person=Decimal("295.00"))
]
SOTL_PRICE = Decimal("400.00")  # the demo's individual price
ONLINE_CLASSROOM_PRICE = Decimal("375.00")


@pytest.mark.parametrize(
    ("seats", "total"),
    [
        (1, "375.00"),
        (3, "1125.00"),
        (4, "1180.00"),
        (5, "1475.00"),
    ],
)
def test_the_online_classroom_costs_295_per_person_from_four(seats, total):
    assert quote(
        ONLINE_CLASSROOM_PRICE, "USD", ONLINE_CLASSROOM_TIERS, seats
    ).total == Decimal(total)


def test_fourth_online_classroom_participant_moves_every_seat_to_295():
    result = quote(ONLINE_CLASSROOM_PRICE, "USD", ONLINE_CLASSROOM_TIERS, 4)
    [line] = result.lines
    assert (line.quantity, line.unit_amount, line.amount) == (
        4,
        Decimal("295.00"),
        Decimal("1180.00"),
    )
    assert line.description == "Seats at the group price from 4 people"
    assert result.tier == ONLINE_CLASSROOM_TIERS[0]
    assert result.discount == Decimal("0.00")
    assert format_money(result.total, "USD") == "USD 1,180.00"


def test_three_online_classroom_participants_pay_the_individual_375():
    result = quote(ONLINE_CLASSROOM_PRICE, "USD", ONLINE_CLASSROOM_TIERS, 3)
    assert format_money(result.total, "USD") == "USD 1,125.00"
    assert result.tier is None
    assert result.warnings == ()


def test_ninth_participant_still_pays_full_price():
    result = quote(SOTL_PRICE, "USD", CMTE_TIERS, 9)
    assert result.tier is None
    assert [line.amount for line in result.lines] == [Decimal("3600.00")]
    assert (result.subtotal, result.discount, result.total) == (
        Decimal("3600.00"),
        Decimal("0.00"),
        Decimal("3600.00"),
    )


def test_tenth_participant_gets_25_percent_off():
    result = quote(SOTL_PRICE, "USD", CMTE_TIERS, 10)
    seats, discount = result.lines
    assert (seats.quantity, seats.unit_amount, seats.amount) == (
        10,
        Decimal("400.00"),
        Decimal("4000.00"),
    )
    assert discount.description == "Group discount: 25% off the total from 10 people"
    assert discount.amount == Decimal("-1000.00")
    assert (result.subtotal, result.discount, result.total) == (
        Decimal("4000.00"),
        Decimal("1000.00"),
        Decimal("3000.00"),
    )
    assert format_money(result.total, "USD") == "USD 3,000.00"


@pytest.mark.parametrize(
    ("price", "total"),
    [("175.00", "175.00"), ("50.00", "50.00"), ("25.00", "25.00")],
    ids=["loyola-full", "loyola-stacked", "loyola-ceu"],
)
def test_loyola_fees_are_individual_with_no_group_rate(price, total):
    result = quote(Decimal(price), "USD", [], 1)
    assert result.total == Decimal(total)
    assert result.discount == Decimal("0.00")


def test_amounts_are_decimals_rounded_half_up_to_the_cent():
    # 3 seats at 33.35 with 12.5% off: 100.05 - 12.50625 -> discount 12.51
    result = quote(
        Decimal("33.35"),
        "USD",
        [TierRule(min_participants=3, percent_off=Decimal("12.5"))],
        3,
    )
    assert result.discount == Decimal("12.51")
    assert result.total == Decimal("87.54")
    assert all(isinstance(line.amount, Decimal) for line in result.lines)


def test_highest_reached_tier_applies():
    tiers = [
        TierRule(min_participants=4, price_per_person=Decimal("300.00")),
        TierRule(min_participants=8, price_per_person=Decimal("250.00")),
    ]
    assert quote(Decimal("400"), "USD", tiers, 7).total == Decimal("2100.00")
    assert quote(Decimal("400"), "USD", tiers, 8).total == Decimal("2000.00")


def test_unit_without_price_has_no_quote():
    with pytest.raises(PricingError) as refused:
        quote(None, "USD", CMTE_TIERS, 3)
    assert refused.value.message == NO_PRICE
    assert str(NO_PRICE) == "This unit has no published price; contact the provider."


def test_nine_seat_quote_says_ten_seats_would_cost_less():
    result = quote(SOTL_PRICE, "USD", CMTE_TIERS, 9)
    assert result.warnings == (
        "10 seats would cost less in total (USD 3,000.00) than the 9 in this quote "
        "(USD 3,600.00).",
    )


def test_ten_seat_quote_says_ten_cost_less_than_nine():
    result = quote(SOTL_PRICE, "USD", CMTE_TIERS, 10)
    assert result.warnings == (
        "10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00).",
    )


@pytest.mark.parametrize(("seats", "warned"), [(7, False), (8, True), (12, False)])
def test_quote_warns_only_while_the_other_size_is_cheaper(seats, warned):
    # 7 seats: 2,800 < 3,000; 8 seats: 3,200 > 3,000; 12 seats: 3,600 = 9 seats
    assert bool(quote(SOTL_PRICE, "USD", CMTE_TIERS, seats).warnings) is warned


def test_admin_warning_for_a_tier_that_makes_ten_cheaper_than_nine():
    assert cheaper_larger_group_warnings(SOTL_PRICE, CMTE_TIERS) == [
        "10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00)."
    ]


def test_no_admin_warning_when_the_per_person_rate_keeps_growth_monotonic():
    # 4 x 295 = 1,180 is more than 3 x 375 = 1,125
    assert (
        cheaper_larger_group_warnings(ONLINE_CLASSROOM_PRICE, ONLINE_CLASSROOM_TIERS)
        == []
    )


def test_no_admin_warning_without_a_price():
    assert cheaper_larger_group_warnings(None, CMTE_TIERS) == []
