"""Every write to the catalogue bumps its cache version (``core.versioned``):
saves, deletes and many-to-many changes through the receivers ``programs.apps``
connects, bulk writes through this queryset (the default manager of every
catalogue model, and of the related managers built on it)."""

from typing import TypeVar

from django.db import models

from core.versioned import VersionedQuerySet

_M = TypeVar("_M", bound=models.Model)

# The catalogue and its rules: providers, programs, units, offerings and their
# sessions, prices, requirements and rubrics, completion and renewal rules.
CATALOGUE = "catalogue"


class CatalogueQuerySet(VersionedQuerySet[_M]):
    source = CATALOGUE
