"""The demo catalogue is data kept one module per provider (``demo/catalog/``)."""

from pathlib import Path

import pytest

import demo.catalog
from demo.catalog import BY_PROVIDER, PROGRAMS, PROVIDERS, UNITS

PACKAGE = Path(demo.catalog.__file__).parent


@pytest.mark.parametrize("module", BY_PROVIDER, ids=lambda m: m.__name__)
def test_each_provider_module_holds_only_its_providers_rows(module):
    slug = module.PROVIDER["slug"]

    assert module.__name__ == f"demo.catalog.{slug}"
    assert module.PROGRAMS
    assert module.UNITS
    assert {row["provider"] for row in [*module.PROGRAMS, *module.UNITS]} == {slug}


def test_the_catalogue_is_every_providers_rows_in_order():
    assert [row["slug"] for row in PROVIDERS] == ["hgse", "iste", "loyola"]
    assert len(PROGRAMS) == 6
    assert len(UNITS) == 14
    assert len({row["slug"] for row in UNITS}) == len(UNITS)
    assert UNITS[0]["slug"] == "sotl"
    assert UNITS[-1]["slug"] == "loyola-ceu-edcamps-conferences"


def test_no_catalogue_module_is_a_warehouse():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text().splitlines()) <= 300, path.name
