"""The admin is shown in its user's time zone (issue 20, item 9).

Django's admin compares the browser's offset with ``data-admin-utc-offset`` (the
current zone's) and warns "You are N hours ahead of server time" when they
differ: an administrator of a California provider, whose preference is that
provider's zone, gets California's offset and so no warning in California.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.zones import EASTERN, PACIFIC, california

pytestmark = pytest.mark.django_db


def admin_offset(client, user) -> int:
    client.force_login(user)
    page = client.get(reverse("admin:index")).content.decode()
    return int(re.search(r'data-admin-utc-offset="(-?\d+)"', page).group(1))


def seconds(zone) -> int:
    return int(dt.datetime.now(dt.UTC).astimezone(zone).utcoffset().total_seconds())


def test_the_admin_of_a_california_provider_gets_californias_offset(client):
    provider = california()
    admin = UserFactory(is_staff=True, is_superuser=True, time_zone=provider.time_zone)
    assert admin_offset(client, admin) == seconds(PACIFIC)


def test_without_a_preference_the_admin_keeps_the_portals_offset(client, settings):
    settings.TIME_ZONE = "America/New_York"
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert admin_offset(client, admin) == seconds(EASTERN)


def test_a_user_time_zone_must_be_a_zone_name():
    from django.core.exceptions import ValidationError

    user = UserFactory.build(time_zone="PST")
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "time_zone" in error.value.message_dict
