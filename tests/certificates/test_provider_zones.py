"""An award is earned on its provider's local day (issue 20, item 9).

At 22:30 in California it is 01:30 the next day in Maryland: a California
provider's award completed then is earned that California day, a Maryland
provider's the Maryland one; the PDF, the verification page and the Open Badges
credential carry the California day and offset.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import dateformat

from certificates.services.evaluation import progress_sweep
from certificates.services.issuance import award_issue
from certificates.services.openbadges import award_badge_export
from demo.catalog import HGSE, LOYOLA
from programs.models import Offering, Provider
from tests.factories import LearnerFactory
from tests.zones import PACIFIC, pacific_evening

from . import journeys
from .test_issuance import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_coasts(catalog):
    """HGSE moved to California for the test; Loyola stays in Maryland."""
    Provider.objects.filter(slug=HGSE).update(time_zone="America/Los_Angeles")
    Provider.objects.filter(slug=LOYOLA).update(time_zone="America/New_York")


def test_each_award_is_earned_on_its_providers_day(two_coasts, today, client):
    west, east = LearnerFactory(), LearnerFactory()
    moment = pacific_evening(today)
    with time_machine.travel(moment, tick=True):
        # when both complete a credential at the same moment
        journeys.complete_workshop(west, "sotl")
        journeys.complete_stacked(east, journeys.STACK[0])
        award = journeys.award_of(west, unit="sotl")
        award_issue(award_id=award.pk)
        award.refresh_from_db()
        credential = award_badge_export(award=award).credential
    east_award = journeys.award_of(east, unit=journeys.STACK[0])

    # then California's is earned on its day, Maryland's on the next
    assert award.earned_on == today
    assert east_award.earned_on == today + dt.timedelta(days=1)
    assert award.snapshot["time_zone"] == "America/Los_Angeles"

    # and every place shows the California day, with California's offset
    long_date = dateformat.format(today, "F j, Y")
    assert f"Awarded {long_date}" in pdf_text(award.documents.get())
    page = client.get(reverse("certificates:verify", args=[award.verification_code]))
    assert long_date in page.content.decode()
    awarded = dt.datetime.fromisoformat(credential["awardedDate"])
    valid_from = dt.datetime.fromisoformat(credential["validFrom"])
    assert awarded.date() == valid_from.date() == today
    offset = moment.astimezone(PACIFIC).utcoffset()
    assert awarded.utcoffset() == valid_from.utcoffset() == offset


def test_the_sweep_waits_for_the_last_day_of_the_providers_run(two_coasts, today):
    """A California run ending tomorrow has not ended at 22:30 California time,
    though it is already tomorrow in Maryland (the portal's zone)."""
    learner = LearnerFactory()
    enrollment = journeys.enroll(learner, "sotl")
    Offering.objects.filter(pk=enrollment.offering_id).update(
        start_date=today - dt.timedelta(days=20), end_date=today + dt.timedelta(days=1)
    )
    journeys.submit(enrollment, "Final product")
    with time_machine.travel(pacific_evening(today), tick=True):
        progress_sweep()
        assert journeys.award_of(learner, unit="sotl") is None
        # the same run kept in Maryland's day has ended: earned that day
        Provider.objects.filter(slug=HGSE).update(time_zone="America/New_York")
        progress_sweep()
    award = journeys.award_of(learner, unit="sotl")
    assert award.earned_on == today + dt.timedelta(days=1)
