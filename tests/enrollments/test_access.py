"""Who may act on an offering as its facilitator: one rule, asked everywhere."""

import pytest
from django.http import Http404

from enrollments.access import (
    facilitated_offerings,
    may_facilitate,
    offering_facilitators,
    offering_get_for_facilitator,
    session_get_for_facilitator,
)
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    OfferingFactory,
    PortalAdminFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_listed_facilitator_acts_on_their_offering_only():
    # given
    mine, theirs = OfferingFactory(), OfferingFactory()
    facilitator = FacilitatorFactory()
    mine.facilitators.add(facilitator)
    # then
    assert may_facilitate(user=facilitator, offering=mine)
    assert not may_facilitate(user=facilitator, offering=theirs)
    assert list(facilitated_offerings(user=facilitator)) == [mine]
    assert offering_get_for_facilitator(user=facilitator, pk=mine.pk) == mine
    with pytest.raises(Http404):
        offering_get_for_facilitator(user=facilitator, pk=theirs.pk)
    with pytest.raises(Http404):
        session_get_for_facilitator(
            user=facilitator, pk=SessionFactory(offering=theirs).pk
        )
    assert session_get_for_facilitator(
        user=facilitator, pk=SessionFactory(offering=mine).pk
    )


def test_listed_without_the_facilitator_role_gives_no_access():
    offering, learner = OfferingFactory(), LearnerFactory()
    offering.facilitators.add(learner)
    assert not may_facilitate(user=learner, offering=offering)
    assert not facilitated_offerings(user=learner).exists()
    assert not offering_facilitators(offering=offering).exists()
    with pytest.raises(Http404):
        offering_get_for_facilitator(user=learner, pk=offering.pk)


def test_an_admin_acts_on_every_offering():
    first, second = OfferingFactory(), OfferingFactory()
    admin = PortalAdminFactory()
    assert may_facilitate(user=admin, offering=first)
    assert set(facilitated_offerings(user=admin)) == {first, second}


def test_only_facilitators_holding_the_role_are_emailed():
    offering = OfferingFactory()
    facilitator, former = FacilitatorFactory(), LearnerFactory()
    offering.facilitators.add(facilitator, former)
    assert list(offering_facilitators(offering=offering)) == [facilitator]
