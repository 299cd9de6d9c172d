"""Nobody opens another person's records: every URL that takes an id is walked.

The URL patterns are read from the resolver, so pages added later are covered
without editing this file. Patterns that are public or do not point at a learner's
records are listed in PUBLIC_PATTERNS. A learner who owns nothing, and a
facilitator of another offering, try every id of the owner's records on every
pattern and must get 403 or 404. Apps adding learner-owned models: create one row
of each in ``world`` below, so that its id is tried too.
"""

import datetime as dt
import itertools
import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import (
    IntConverter,
    PathConverter,
    SlugConverter,
    StringConverter,
    UUIDConverter,
)
from django.urls.resolvers import RoutePattern

from certificates.badge_views import EXPORTS
from certificates.urls import BadgeFormatConverter
from enrollments.models import Extension, PastCompletion
from tests.factories import (
    FacilitatorFactory,
    LearnerFactory,
    OpenOfferingFactory,
    UnitFactory,
)
from tests.security.world import owner_records_build

pytestmark = pytest.mark.django_db

# Public, or not a learner's record: the catalogue, asking to enroll in a public
# offering, public certificate verification, a signed session check-in code (the
# signature is the check; it answers 400 when wrong), allauth's emailed keys.
PUBLIC_PATTERNS = {
    "programs:program_detail",
    "programs:unit_detail",
    "enrollments:enroll",
    "certificates:verify",
    "attendance:check_in",
    "account_confirm_email",
    "account_reset_password_from_key",
}
# staff only: see test_roles.py and tests/reports/test_access.py
SKIPPED_NAMESPACES = ("admin:", "reports:")
LEARNER_DATA_APPS = ("enrollments", "reviews", "certificates")
# Pages whose owner must reach them with the world's ids: proves the walk is real.
OWNER_REACHES = {
    "enrollments:detail": "owner",
    "enrollments:roster": "facilitator",
    "orders:quote": "owner",
    "orders:invoice": "owner",
    "reviews:requirement_list": "owner",
    "reviews:artifact_file": "owner",
    "reviews:review": "facilitator",
}
ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    converters: dict


def url_patterns(resolvers=None, prefix="", namespace="", converters=None):
    """Every routed pattern, with its full route and the converters of its ids."""
    resolvers = get_resolver().url_patterns if resolvers is None else resolvers
    for entry in resolvers:
        route = str(entry.pattern)
        if not isinstance(entry.pattern, RoutePattern):
            route = "REGEX:" + route if re.search(r"\(\?P<", route) else route
            route = route.strip("^$")
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, prefix + route, space, found)
        elif isinstance(entry, URLPattern):
            yield Pattern(f"{namespace}{entry.name or ''}", prefix + route, found)


def walked_patterns() -> list[Pattern]:
    walked = []
    for pattern in url_patterns():
        if pattern.name in PUBLIC_PATTERNS or pattern.name.startswith(
            SKIPPED_NAMESPACES
        ):
            continue
        assert "REGEX:" not in pattern.route, (
            f"{pattern.name} takes an argument by regex: use path() with a "
            "converter, or list it in PUBLIC_PATTERNS if it is public."
        )
        if ARGUMENT.search(pattern.route):
            walked.append(pattern)
    return walked


@dataclass
class World:
    owner: models.Model
    facilitator: models.Model
    admin: models.Model
    rows: list


@pytest.fixture
def world() -> World:
    """The owner's records (``tests.security.world``, shared with the authorization
    matrix), with an extension and a past completion besides."""
    records = owner_records_build()
    Extension.objects.create(
        enrollment=records.enrollment,
        requirement=records.requirement,
        new_deadline=records.enrollment.offering.end_date + dt.timedelta(days=200),
        reason="Illness",
        granted_by=records.admin,
    )
    PastCompletion.objects.create(
        learner=records.owner,
        unit=UnitFactory(),
        completed_on=records.enrollment.offering.start_date - dt.timedelta(days=400),
        imported_by=records.admin,
    )
    owner = records.owner
    return World(
        owner,
        records.facilitator,
        records.admin,
        [*owned_rows(owner), records.offering],
    )


def owned_rows(user) -> list[models.Model]:
    """Rows of the learner-data apps that lead to ``user`` through foreign keys."""
    data_models = [
        model
        for label in LEARNER_DATA_APPS
        if apps.is_installed(label)
        for model in apps.get_app_config(label).get_models()
    ]
    owned = {(get_user_model(), user.pk)}
    rows, grew = [], True
    while grew:
        grew = False
        for model in data_models:
            keys = [
                f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one
            ]
            for row in model.objects.all():
                if (model, row.pk) in owned:
                    continue
                if any(
                    (f.related_model, getattr(row, f.attname)) in owned for f in keys
                ):
                    owned.add((model, row.pk))
                    rows.append(row)
                    grew = True
    return rows


def candidates(rows) -> dict[type, list[str]]:
    """Values to put in each kind of URL argument, from the owner's rows and the
    catalogue rows they point at (requirement, session, unit)."""
    ints, uuids, texts = set(), set(), set()
    for row in rows:
        for field in row._meta.concrete_fields:
            value = getattr(row, field.attname)
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, int) and (field.primary_key or field.is_relation):
                ints.add(str(value))
            elif isinstance(value, uuid.UUID):
                uuids.add(str(value))
            elif isinstance(value, str) and 0 < len(value) <= 64 and "/" not in value:
                texts.add(value)
    slugs = {text for text in texts if re.fullmatch(r"[-a-zA-Z0-9_]+", text)}
    anything = sorted(ints | uuids | texts)
    return {
        IntConverter: sorted(ints),
        UUIDConverter: sorted(uuids),
        SlugConverter: sorted(ints | uuids | slugs),
        StringConverter: anything,
        PathConverter: anything,
        BadgeFormatConverter: list(EXPORTS),
    }


def urls_for(pattern: Pattern, values: dict) -> list[str]:
    """The pattern's URL for every combination of candidate values."""
    parts = ARGUMENT.split(pattern.route)  # text, converter, name, text, ...
    texts, names = parts[0::3], parts[2::3]
    choices = [values[type(pattern.converters[name])] for name in names]
    return [
        "/"
        + quote(
            texts[0] + "".join(v + t for v, t in zip(combo, texts[1:], strict=True))
        )
        for combo in itertools.product(*choices)
    ]


def refused(client, url) -> str | None:
    """None when the visitor is refused with 403/404, else what they got.

    A method the page does not take (405) is fine if the other one is refused.
    """
    statuses = {client.get(url).status_code, client.post(url).status_code}
    if statuses <= {403, 404, 405} and statuses & {403, 404}:
        return None
    return f"{url}: {sorted(statuses)}"


def walk_as(client, user, world, *, skip_ids=()) -> list[str]:
    client.force_login(user)
    values = candidates(world.rows)
    values[IntConverter] = [v for v in values[IntConverter] if v not in skip_ids]
    leaks = []
    for pattern in walked_patterns():
        for url in urls_for(pattern, values):
            leak = refused(client, url)
            if leak:
                leaks.append(f"{pattern.name} {leak}")
    return leaks


def test_the_walk_finds_the_learner_pages():
    names = {pattern.name for pattern in walked_patterns()}
    assert set(OWNER_REACHES) <= names


def test_another_learner_gets_404_for_every_record_of_the_owner(client, world):
    assert walk_as(client, LearnerFactory(), world) == []


def test_a_facilitator_of_another_offering_gets_404_everywhere(client, world):
    facilitator = FacilitatorFactory()
    own = OpenOfferingFactory()
    own.facilitators.add(facilitator)
    assert walk_as(client, facilitator, world, skip_ids={str(own.pk)}) == []


@pytest.mark.parametrize("name", sorted(OWNER_REACHES))
def test_the_owner_reaches_their_own_page_with_the_same_ids(client, world, name):
    client.force_login(getattr(world, OWNER_REACHES[name]))
    pattern = next(p for p in walked_patterns() if p.name == name)
    statuses = {
        client.get(url).status_code for url in urls_for(pattern, candidates(world.rows))
    }
    assert 200 in statuses


def test_pages_without_ids_show_another_learner_nothing_of_the_owner(client, world):
    client.force_login(LearnerFactory())
    for pattern in url_patterns():
        if ARGUMENT.search(pattern.route) or pattern.name.startswith(
            SKIPPED_NAMESPACES
        ):
            continue
        if "REGEX:" in pattern.route:
            continue
        response = client.get("/" + pattern.route)
        content = response.content.decode() if response.status_code == 200 else ""
        assert world.owner.legal_name not in content, pattern.name
        assert world.owner.email not in content, pattern.name
