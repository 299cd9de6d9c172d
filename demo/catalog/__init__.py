"""The four seed systems of ../shared/CATALOG.md as data, one module per provider.

Every figure comes from the source documents. Where a source names no value (the
individual price of SOTL and OTLA, the titles of Loyola's micro-credentials, the
rubric's criteria) the value here is a demo value an admin would configure; the
README lists them.
"""

from typing import Any

from . import hgse, iste, loyola

HGSE, ISTE, LOYOLA = hgse.HGSE, iste.ISTE, loyola.LOYOLA
BY_PROVIDER = (hgse, iste, loyola)

PROVIDERS: list[dict[str, Any]] = [module.PROVIDER for module in BY_PROVIDER]
PROGRAMS: list[dict[str, Any]] = [p for module in BY_PROVIDER for p in module.PROGRAMS]
UNITS: list[dict[str, Any]] = [u for module in BY_PROVIDER for u in module.UNITS]
