"""The catalogue's "Upcoming dates" on the test's day."""

import datetime as dt

import pytest
from django.urls import reverse

from core.dates import format_date
from programs.models import Unit
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


def test_a_run_under_way_with_enrollment_open_says_started_and_until_when(
    client, demo_catalog, today
):
    # given a SOTL run that started five days ago and takes enrollments five more
    under_way = OfferingFactory(
        unit=Unit.objects.get(slug="sotl"),
        label="Under way",
        start_date=today - dt.timedelta(days=5),
        end_date=today + dt.timedelta(days=25),
        enrollment_opens=today - dt.timedelta(days=30),
        enrollment_closes=today + dt.timedelta(days=5),
    )

    # when anyone reads the catalogue
    content = client.get(reverse("programs:catalog")).content.decode()

    # then its dates say it has started and until when it is open
    started = format_date(under_way.start_date)
    closes = format_date(under_way.enrollment_closes)
    assert f"started {started}, enrollment open until {closes}" in content
