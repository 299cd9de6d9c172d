"""The cached rule graph (``certificates.selectors.rule_graph``) follows every
kind of catalogue write once it commits, and the transaction that wrote reads
the database: a stale rule never decides anything."""

import pytest
from django.db import transaction
from django.urls import reverse

from certificates.selectors.facts import (
    credentials_with_rules,
    programs_for_rules,
    units_for_rules,
)
from certificates.selectors.rule_graph import rule_graph_cached, rule_graph_read
from core import versioned
from demo.services import demo_catalog_load
from programs.models import CompletionRule, Requirement, RuleKind, Unit
from tests.admin_forms import admin_change_data
from tests.factories import RequirementFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose writes count as committed: its on-commit hooks run at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def unit(committed) -> Unit:
    with committed():
        unit = UnitFactory(title="Sketching")
        RequirementFactory(unit=unit, title="Sketchbook")
        CompletionRule.objects.create(unit=unit, kind=RuleKind.ALL_SUBMISSIONS_MET)
    return unit


def cached_titles(unit: Unit) -> tuple[str, list[str]]:
    """The unit's title and the requirements its rule reads, as the cached graph
    has them."""
    graph = rule_graph_cached()
    assert graph is not None
    (rule,) = graph.rules[("unit", unit.pk)]
    return graph.units[unit.pk].title, [r.title for r in rule.requirements]


def rename_requirement(unit):
    requirement = unit.requirements.get()
    requirement.title = "Portfolio"
    requirement.save()


def add_requirement(unit):
    Requirement.objects.bulk_create(
        [Requirement(unit=unit, title="Portfolio", kind=Requirement.Kind.REFLECTION)]
    )


WRITES = {
    "save": rename_requirement,
    "queryset update": lambda unit: Requirement.objects.filter(unit=unit).update(
        title="Portfolio"
    ),
    "related manager update": lambda unit: unit.requirements.update(title="Portfolio"),
    "bulk create": add_requirement,
    "delete": lambda unit: unit.requirements.get().delete(),
    "queryset delete": lambda unit: Requirement.objects.filter(unit=unit).delete(),
    "unit update": lambda unit: Unit.objects.filter(pk=unit.pk).update(
        title="Sketching II"
    ),
}
EXPECTED = {
    "save": ("Sketching", ["Portfolio"]),
    "queryset update": ("Sketching", ["Portfolio"]),
    "related manager update": ("Sketching", ["Portfolio"]),
    "bulk create": ("Sketching", ["Sketchbook", "Portfolio"]),
    "delete": ("Sketching", []),
    "queryset delete": ("Sketching", []),
    "unit update": ("Sketching II", ["Sketchbook"]),
}


@pytest.mark.parametrize("write", WRITES)
def test_each_kind_of_write_replaces_the_cached_graph_on_commit(
    unit, committed, django_assert_max_num_queries, write
):
    # given the graph cached: read again, it costs at most the version's query
    assert cached_titles(unit) == ("Sketching", ["Sketchbook"])
    with django_assert_max_num_queries(1):
        assert cached_titles(unit) == ("Sketching", ["Sketchbook"])

    # when the catalogue is written and the transaction commits
    with committed():
        WRITES[write](unit)

    # then the cached graph says what the database says
    assert cached_titles(unit) == EXPECTED[write]


def test_a_many_to_many_change_replaces_the_cached_graph(unit, committed):
    first = UnitFactory(title="Drawing")
    with committed():
        rule = CompletionRule.objects.create(
            unit=unit, kind=RuleKind.PREREQUISITES_HELD
        )
    assert rule_graph_cached().units[unit.pk].prerequisites.all().count() == 0

    with committed():
        unit.prerequisites.add(first)
        rule.units.set([first])

    graph = rule_graph_cached()
    assert [u.title for u in graph.units[unit.pk].prerequisites.all()] == ["Drawing"]
    prerequisites = [r for r in graph.rules[("unit", unit.pk)] if r.units]
    assert [u.title for u in prerequisites[0].units] == ["Drawing"]


def test_an_admin_save_and_an_admin_delete_replace_the_cached_graph(
    unit, committed, admin_client
):
    assert cached_titles(unit) == ("Sketching", ["Sketchbook"])
    url = reverse("admin:programs_unit_change", args=[unit.pk])
    data = admin_change_data(admin_client, url, title="Sketching II", _save="Save")
    with committed():
        response = admin_client.post(url, data)
    assert response.status_code == 302
    assert cached_titles(unit) == ("Sketching II", ["Sketchbook"])

    requirement = unit.requirements.get()
    url = reverse("admin:programs_requirement_delete", args=[requirement.pk])
    with committed():
        response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert cached_titles(unit) == ("Sketching II", [])


def test_a_catalogue_service_replaces_the_cached_graph(committed, today):
    with committed():
        demo_catalog_load(today=today)
    sotl = Unit.objects.get(slug="sotl")
    title = sotl.title
    with committed():
        Unit.objects.filter(pk=sotl.pk).update(title="Renamed")
    assert rule_graph_cached().units[sotl.pk].title == "Renamed"

    with committed():
        demo_catalog_load(today=today)

    assert rule_graph_cached().units[sotl.pk].title == title


def test_the_transaction_that_wrote_reads_its_own_rules(unit):
    assert cached_titles(unit) == ("Sketching", ["Sketchbook"])
    with transaction.atomic():
        # given a rule's requirement renamed, not committed yet
        rename_requirement(unit)

        # then this transaction is not given the cached graph: its evaluation
        # reads the rule as it now is
        assert rule_graph_cached() is None
        units = units_for_rules([unit.pk])
        (credential,) = credentials_with_rules(units=units, programs=[])
        assert [r.title for r in credential.rules[0].requirements] == ["Portfolio"]


def test_the_cached_graph_answers_as_the_database(committed, today):
    with committed():
        demo_catalog_load(today=today)
    cached = rule_graph_cached()
    read = rule_graph_read()

    assert cached.rules == read.rules
    assert dict(cached.renewal_rules) == dict(read.renewal_rules)
    assert sorted(cached.units) == sorted(read.units)
    for pk, unit in read.units.items():
        for name in ("requirements", "prerequisites", "programs"):
            expected = [r.pk for r in getattr(unit, name).all()]
            assert [r.pk for r in getattr(cached.units[pk], name).all()] == expected
    ids = list(read.programs)
    assert [p.pk for p in programs_for_rules(ids)] == sorted(ids)
    for program in programs_for_rules(ids):
        expected = [u.pk for u in read.programs[program.pk].units.all()]
        assert [u.pk for u in program.units.all()] == expected


def test_without_a_cache_every_read_goes_to_the_database(unit, settings):
    # given a cache that cannot be reached
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    # then the rules are read from the database
    assert rule_graph_cached() is None
    (credential,) = credentials_with_rules(
        units=units_for_rules([unit.pk]), programs=[]
    )
    assert [r.title for r in credential.rules[0].requirements] == ["Sketchbook"]


def test_a_graph_that_lacks_a_unit_is_not_used_and_is_renewed(
    unit, committed, monkeypatch
):
    # given the graph cached, then a unit written while its bump is lost
    assert rule_graph_cached() is not None

    def lost(source, block, using):  # the cache was down at the commit
        versioned._written().pop(source, None)

    monkeypatch.setattr(versioned, "_bump", lost)
    with committed():
        later = UnitFactory(title="Printmaking")
    monkeypatch.undo()
    assert later.pk not in rule_graph_cached().units

    # when the evaluation asks for it (in a transaction that commits)
    with committed():
        (read,) = units_for_rules([later.pk])
        credential = credentials_with_rules(units=[read], programs=[])[0]

    # then it is read from the database, and the next reader's graph holds it
    assert (read.title, credential.unit) == ("Printmaking", read)
    assert later.pk in rule_graph_cached().units
