"""Each provider keeps its own time zone (issue 20, item 9): its sessions are
shown in that zone, labelled, and a learner's home shows each provider's
offerings in its own zone."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import dateformat

from tests.factories import (
    EnrollmentFactory,
    LearnerFactory,
    OfferingFactory,
    ProviderFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
)
from tests.zones import EASTERN, PACIFIC, california, maryland

pytestmark = pytest.mark.django_db


def shown(moment: dt.datetime, zone) -> str:
    local = moment.astimezone(zone)
    return f"{dateformat.format(local, 'D M j, g:i A')} {local.tzname()}"


def test_a_new_provider_keeps_the_portals_zone(settings):
    assert ProviderFactory().time_zone == settings.TIME_ZONE


def test_a_provider_time_zone_must_be_a_zone_name():
    provider = ProviderFactory.build(time_zone="Pacific Standard Time")
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "time_zone" in error.value.message_dict


def test_a_session_is_shown_in_its_providers_zone_with_its_abbreviation(client, today):
    starts = dt.datetime.combine(today + dt.timedelta(days=10), dt.time(3), dt.UTC)
    pages = {}
    for provider, zone in ((california(), PACIFIC), (maryland(), EASTERN)):
        offering = OfferingFactory(
            unit=UnitFactory(provider=provider),
            start_date=today + dt.timedelta(days=5),
            end_date=today + dt.timedelta(days=30),
            enrollment_opens=today - dt.timedelta(days=5),
            enrollment_closes=today + dt.timedelta(days=4),
        )
        SessionFactory(offering=offering, starts_at=starts)
        url = reverse("programs:unit_detail", args=[offering.unit.slug])
        pages[zone] = client.get(url).content.decode()
    # the same moment: 7 or 8 PM in California, 10 or 11 PM in Maryland
    assert shown(starts, PACIFIC) in pages[PACIFIC]
    assert shown(starts, EASTERN) in pages[EASTERN]
    assert shown(starts, EASTERN) not in pages[PACIFIC]


def test_a_learners_home_labels_each_providers_offerings_with_its_zone(client, today):
    learner = LearnerFactory()
    for provider in (california(), maryland()):
        EnrollmentFactory(
            learner=learner,
            offering=OfferingFactory(
                unit=UnitFactory(provider=provider),
                start_date=today - dt.timedelta(days=5),
                end_date=today + dt.timedelta(days=30),
            ),
        )
    client.force_login(learner)
    page = client.get(reverse("dashboard:dashboard")).content.decode()
    now = dt.datetime.now(dt.UTC)
    assert f"Los Angeles time ({now.astimezone(PACIFIC).tzname()})" in page
    assert f"New York time ({now.astimezone(EASTERN).tzname()})" in page


def test_the_offering_admin_shows_session_times_in_the_providers_zone(client, today):
    admin = UserFactory(is_staff=True, is_superuser=True)
    offering = OfferingFactory(unit=UnitFactory(provider=california()))
    starts = dt.datetime.combine(today, dt.time(3), dt.UTC)
    SessionFactory(offering=offering, starts_at=starts)
    client.force_login(admin)
    url = reverse("admin:programs_offering_change", args=[offering.pk])
    page = client.get(url).content.decode()
    local = starts.astimezone(PACIFIC)
    assert f'value="{local:%H:%M:%S}"' in page
    assert f'value="{starts.astimezone(EASTERN):%H:%M:%S}"' not in page
