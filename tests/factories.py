"""factory_boy factories that keep related rows consistent."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from programs.models import (
    CredentialProgram,
    GroupTier,
    Offering,
    Provider,
    Requirement,
    Unit,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    legal_name = factory.Sequence(lambda n: f"Person Number{n}")
    password = factory.django.Password("a-strong-test-password")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    signatory_name = "Dana Signatory"
    signatory_title = "Director"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CredentialProgram

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    kind = CredentialProgram.Kind.CERTIFICATE
    is_published = True


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Unit {n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")
    kind = Unit.Kind.WORKSHOP
    delivery = Unit.Delivery.ASYNCHRONOUS
    weeks = 4
    price = Decimal("400.00")
    is_published = True


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    unit = factory.SubFactory(UnitFactory)
    label = factory.Sequence(lambda n: f"Run {n}")
    start_date = dt.date(2027, 2, 1)
    end_date = dt.date(2027, 2, 28)
    enrollment_opens = dt.date(2026, 10, 1)
    enrollment_closes = dt.date(2027, 1, 31)
    # Work is taken from enrollment on, so that tests of drafts, artifacts and
    # reviews may draft on any session day (Dec 2026 or Feb 2027) before the run's
    # Feb 1 start; the tests of the submission window set their own.
    submissions_open_days_before_start = 365


class GroupTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupTier

    unit = factory.SubFactory(UnitFactory)
    min_participants = 10
    kind = GroupTier.Kind.PERCENT_OFF_INVOICE
    percent_off = Decimal("25")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Requirement {n}")
    kind = Requirement.Kind.FINAL_PRODUCT
    review_mode = Requirement.ReviewMode.NONE


def _role(role: str):
    """A post-generation hook putting the user in a role group, as sign-up does."""

    def assign(obj, create, extracted, **kwargs):
        if create:
            from accounts.services import user_role_assign

            user_role_assign(user=obj, role=role)

    return factory.PostGeneration(assign)


class LearnerFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = _role("Learners")


class FacilitatorFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = _role("Facilitators")


class PortalAdminFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = _role("Admins")


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enrollments.Enrollment"

    learner = factory.SubFactory(LearnerFactory)
    offering = factory.SubFactory(OfferingFactory)


def _days_from_today(days: int):
    def date():
        from django.utils import timezone

        return timezone.localdate() + dt.timedelta(days=days)

    return factory.LazyFunction(date)


class OpenOfferingFactory(OfferingFactory):
    """An offering open for enrollment on the real today, whatever the calendar."""

    start_date = _days_from_today(30)
    end_date = _days_from_today(57)
    enrollment_opens = _days_from_today(-10)
    enrollment_closes = _days_from_today(20)


# Submissions and reviews (reviews app)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Session"

    offering = factory.SubFactory(OfferingFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = "live"
    starts_at = factory.LazyFunction(
        lambda: dt.datetime(2027, 2, 3, 19, 0, tzinfo=dt.UTC)
    )
    is_required = True


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.RubricCriterion"

    requirement = factory.SubFactory(RequirementFactory)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    max_points = 5
    position = factory.Sequence(int)


class ChecklistQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ChecklistQuestion"

    requirement = factory.SubFactory(RequirementFactory)
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    position = factory.Sequence(int)


class ChecklistOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ChecklistOption"

    question = factory.SubFactory(ChecklistQuestionFactory)
    text = factory.Sequence(lambda n: f"Answer {n}")
    is_correct = False
    feedback = ""
