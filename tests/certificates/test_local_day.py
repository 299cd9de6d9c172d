"""An award earned late in the portal's evening is dated that local day (issue 15).

At 23:30 in New York it is already the next day in UTC: the PDF, the public
verification page, the transcript and the Open Badges credential all show the
portal's local day, never UTC's.
"""

import datetime as dt
import json

import jsonschema
import pytest
import time_machine
from django.urls import reverse
from django.utils import dateformat, timezone

from certificates.services.issuance import award_issue
from certificates.services.openbadges import award_badge_export
from core.dates import format_date

from . import journeys
from .test_issuance import pdf_text
from .test_openbadges import STANDARDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_evening(today):
    """23:30 local on the test's day, the clock ticking from there."""
    moment = dt.datetime.combine(
        today, dt.time(23, 30), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(moment, tick=True):
        yield moment


@pytest.fixture
def validator():
    schema = json.loads((STANDARDS / "achievementcredential.schema.json").read_text())
    return jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )


def test_an_award_earned_at_half_past_eleven_is_dated_that_local_day(
    catalog, learner, late_evening, client, validator
):
    # given 23:30 in the portal's time zone, already tomorrow in UTC
    day = late_evening.date()
    assert late_evening.astimezone(dt.UTC).date() == day + dt.timedelta(days=1)

    # when the learner completes a workshop (a run that has ended: earned at
    # once) and the award is issued
    journeys.complete_workshop(learner, "sotl")
    award = journeys.award_of(learner, unit="sotl")
    award_issue(award_id=award.pk)
    award.refresh_from_db()

    # then it is earned on the local day, and every place shows that day
    assert award.earned_on == day
    assert award.snapshot["earned_on"] == day.isoformat()
    long_date = dateformat.format(day, "F j, Y")
    assert f"Awarded {long_date}" in pdf_text(award.documents.get())
    verification = client.get(
        reverse("certificates:verify", args=[award.verification_code])
    )
    assert long_date in verification.content.decode()
    client.force_login(learner)
    transcript = client.get(reverse("transcripts:transcript")).content.decode()
    assert format_date(day) in transcript
    credential = award_badge_export(award=award).credential
    assert [e.message for e in validator.iter_errors(credential)] == []
    awarded = dt.datetime.fromisoformat(credential["awardedDate"])
    valid_from = dt.datetime.fromisoformat(credential["validFrom"])
    assert awarded.date() == day
    assert awarded.utcoffset() == late_evening.utcoffset()
    assert valid_from.date() == day
    assert valid_from == award.issued_at.replace(microsecond=0)
