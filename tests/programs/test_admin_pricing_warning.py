"""An admin saving group tiers that make a larger group cheaper is warned."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from programs.models import GroupTier
from tests.admin_forms import change_form_data
from tests.factories import GroupTierFactory, UnitFactory

pytestmark = pytest.mark.django_db


def save_with_tier(admin_client, unit, **tier) -> list[str]:
    url = reverse("admin:programs_unit_change", args=[unit.pk])
    data = change_form_data(admin_client.get(url))
    total = int(data["group_tiers-TOTAL_FORMS"])
    data["group_tiers-TOTAL_FORMS"] = total + 1
    data.update({f"group_tiers-{total}-{key}": value for key, value in tier.items()})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_admin_is_warned_when_ten_seats_cost_less_than_nine(admin_client):
    unit = UnitFactory(price=Decimal("400.00"))

    messages = save_with_tier(
        admin_client, unit, min_participants=10, kind="percent_off", percent_off="25"
    )

    assert GroupTier.objects.filter(unit=unit, min_participants=10).exists()
    assert "10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00)." in (
        messages
    )


def test_no_warning_for_the_online_classroom_rate(admin_client):
    unit = UnitFactory(price=Decimal("375.00"))

    messages = save_with_tier(
        admin_client,
        unit,
        min_participants=4,
        kind="per_person",
        price_per_person="295.00",
    )

    assert GroupTier.objects.filter(unit=unit, min_participants=4).exists()
    assert not [m for m in messages if "cost less" in m]


def test_warning_also_on_saving_an_existing_tier(admin_client):
    unit = UnitFactory(price=Decimal("400.00"))
    GroupTierFactory(unit=unit, min_participants=10, percent_off=Decimal("25"))
    url = reverse("admin:programs_unit_change", args=[unit.pk])

    response = admin_client.post(url, change_form_data(admin_client.get(url)))

    assert response.status_code == 302
    assert [
        str(m) for m in get_messages(response.wsgi_request) if "cost less" in str(m)
    ] == ["10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00)."]
