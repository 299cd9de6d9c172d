"""A count is printed with the right noun: "1 course", "2 courses"."""

from decimal import Decimal

import pytest

from certificates.rendering import details
from programs.models import CompletionRule, Unit
from tests.factories import ProgramFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("n", "words"), [(1, "at least 1 course completed"), (2, "at least 2 courses")]
)
def test_a_count_rule_names_one_course_or_several(n, words):
    program = ProgramFactory()
    for _ in range(3):
        UnitFactory(kind=Unit.Kind.COURSE).programs.add(program)
    rule = CompletionRule.objects.create(
        program=program, kind=CompletionRule.Kind.UNITS_COMPLETED, min_count=n
    )
    assert rule.describe().startswith(words)


@pytest.mark.parametrize(
    ("hours", "words"), [(1, "about 1 hour<"), (2, "about 2 hours<")]
)
def test_the_unit_page_says_one_hour_or_several(client, hours, words):
    unit = UnitFactory(estimated_hours=hours, clock_hours=hours)
    page = client.get(unit.get_absolute_url()).content.decode()
    assert words in page
    assert f"{hours} clock hour{'s' if hours > 1 else ''}<" in page


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, ["about 1 hour", "1 clock hour", "1 MSDE CPD credit"]),
        (2, ["about 2 hours", "2 clock hours", "2 MSDE CPD credits"]),
    ],
)
def test_certificate_details_count_hours_and_credits(n, expected):
    snapshot = {"estimated_hours": n, "clock_hours": n, "cpd_credits": str(Decimal(n))}
    assert details(snapshot) == expected
