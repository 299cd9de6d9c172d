"""The demo catalogue's prices through ``unit_quote``, the one function the
enroll page, group orders and invoices read (the rules in words, as the sources
state them)."""

from decimal import Decimal

import pytest

from programs.models import Unit
from programs.selectors import unit_quote

pytestmark = pytest.mark.django_db


def total(slug: str, seats: int) -> Decimal:
    return unit_quote(unit=Unit.objects.get(slug=slug), seats=seats).total


@pytest.mark.parametrize(
    ("rule", "slug", "seats", "expected"),
    [
        ("one learner pays the individual price", "sotl", 1, "400.00"),
        ("9 learners pay full price", "sotl", 9, "3600.00"),
        ("10 learners get 25% off the invoice", "sotl", 10, "3000.00"),
        (
            "The Online Classroom alone costs USD 375",
            "the-online-classroom",
            1,
            "375.00",
        ),
        ("3 people pay USD 375 each", "the-online-classroom", 3, "1125.00"),
        ("from 4 people, USD 295 per person", "the-online-classroom", 4, "1180.00"),
    ],
)
def test_the_demo_catalogue_prices(demo_catalog, rule, slug, seats, expected):
    assert total(slug, seats) == Decimal(expected), rule
