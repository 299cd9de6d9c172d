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


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    unit = factory.SubFactory(UnitFactory)
    label = factory.Sequence(lambda n: f"Run {n}")
    start_date = dt.date(2027, 2, 1)
    end_date = dt.date(2027, 2, 28)
    enrollment_opens = dt.date(2026, 10, 1)
    enrollment_closes = dt.date(2027, 1, 31)


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
