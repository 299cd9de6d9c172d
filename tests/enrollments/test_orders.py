"""Group orders: the quote, and every check before anything is written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from core import clock
from core.dates import format_date
from enrollments.group_orders.services import (
    OrderRefused,
    group_order_create,
    group_order_quote,
)
from enrollments.models import Enrollment, GroupOrder, Invoice, Participant
from enrollments.services.enrollment import enrollment_create
from programs.models import GroupTier
from tests.enrollments.order_helpers import people, sotl_offering
from tests.factories import GroupTierFactory, OfferingFactory, UnitFactory, UserFactory

User = get_user_model()

pytestmark = pytest.mark.django_db


@pytest.fixture
def sotl():
    return sotl_offering()


def assert_nothing_written():
    assert not GroupOrder.objects.exists()
    assert not Participant.objects.exists()
    assert not Invoice.objects.exists()
    assert not Enrollment.objects.exists()


class TestQuote:
    def test_tenth_participant_gets_25_percent_off(self, sotl):
        quote = group_order_quote(offering=sotl, seats=10)
        assert (quote.subtotal, quote.discount, quote.total) == (
            Decimal("4000.00"),
            Decimal("1000.00"),
            Decimal("3000.00"),
        )

    def test_online_classroom_fourth_person_pays_295(self):
        unit = UnitFactory(price=Decimal("375.00"))
        GroupTierFactory(
            unit=unit,
            min_participants=4,
            kind=GroupTier.Kind.PRICE_PER_PERSON,
            percent_off=None,
            price_per_person=Decimal("295.00"),
        )
        offering = OfferingFactory(unit=unit)
        assert group_order_quote(offering=offering, seats=3).total == Decimal("1125.00")
        assert group_order_quote(offering=offering, seats=4).total == Decimal("1180.00")

    def test_unit_without_price_has_no_quote(self):
        offering = OfferingFactory(
            unit=UnitFactory(price=None, provider__contact_email="pe@hgse.example")
        )
        with pytest.raises(OrderRefused) as refused:
            group_order_quote(offering=offering, seats=3)
        assert refused.value.message == (
            f"This unit has no published price; ask {offering.unit.provider} at "
            "pe@hgse.example."
        )


class TestCreate:
    def test_order_is_recorded_as_quoted_with_its_participants(self, sotl):
        leader = UserFactory()
        order = group_order_create(
            leader=leader, offering=sotl, participants=people(3), today=clock.today()
        )
        order.refresh_from_db()
        assert order.status == GroupOrder.Status.QUOTED
        assert order.leader == leader
        assert list(order.participants.values_list("email", flat=True)) == [
            "teacher1@school.example",
            "teacher2@school.example",
            "teacher3@school.example",
        ]
        assert not Enrollment.objects.exists()
        assert not Invoice.objects.exists()

    def test_a_group_has_at_least_two_participants(self, sotl):
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=UserFactory(),
                offering=sotl,
                participants=people(1),
                today=clock.today(),
            )
        assert refused.value.message == "A group order names at least 2 participants."
        assert_nothing_written()

    def test_duplicate_participant_is_refused_and_nothing_written(self, sotl):
        participants = [*people(3), ("Again", "Teacher2@school.example")]
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=UserFactory(),
                offering=sotl,
                participants=participants,
                today=clock.today(),
            )
        assert (
            refused.value.message == "Teacher2@school.example is listed more than once."
        )
        assert_nothing_written()

    def test_offering_must_have_room_for_every_seat(self, sotl):
        sotl.capacity = 5
        sotl.save()
        enrollment_create(learner=UserFactory(), offering=sotl, today=clock.today())
        leader = UserFactory()
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=leader,
                offering=sotl,
                participants=people(5),
                today=clock.today(),
            )
        assert refused.value.message == (
            f"{sotl} has 4 places left: not enough for 5 participants."
        )
        assert not GroupOrder.objects.exists()
        group_order_create(
            leader=leader, offering=sotl, participants=people(4), today=clock.today()
        )

    def test_closed_window_is_refused(self, sotl):
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=UserFactory(),
                offering=sotl,
                participants=people(3),
                today=sotl.enrollment_closes + dt.timedelta(days=1),
            )
        closed = format_date(sotl.enrollment_closes)
        assert refused.value.message == f"Enrollment for {sotl} closed on {closed}."
        assert_nothing_written()

    def test_unit_with_tracks_is_enrolled_individually(self):
        offering = OfferingFactory(
            unit=UnitFactory(title="Driving Change", has_tracks=True)
        )
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=UserFactory(),
                offering=offering,
                participants=people(2),
                today=offering.enrollment_opens,
            )
        assert refused.value.message == (
            "Driving Change asks each participant to choose a track, so participants "
            "enroll individually."
        )

    def test_unit_without_price_is_refused(self):
        offering = OfferingFactory(
            unit=UnitFactory(price=None, provider__contact_email="pe@hgse.example")
        )
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=UserFactory(),
                offering=offering,
                participants=people(2),
                today=offering.enrollment_opens,
            )
        assert refused.value.message == (
            f"This unit has no published price; ask {offering.unit.provider} at "
            "pe@hgse.example."
        )
        assert_nothing_written()

    def test_participant_already_enrolled_is_named(self, sotl):
        enrolled = UserFactory(email="teacher2@school.example")
        enrollment_create(learner=enrolled, offering=sotl, today=clock.today())
        with pytest.raises(OrderRefused) as refused:
            group_order_create(
                leader=UserFactory(),
                offering=sotl,
                participants=people(3),
                today=clock.today(),
            )
        assert refused.value.message == (
            f"Teacher 2 (teacher2@school.example) is already enrolled in {sotl}."
        )
        assert not GroupOrder.objects.exists()
