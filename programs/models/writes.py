"""Every write to the catalogue bumps its cache version (``core.versioned``):
saves, deletes and many-to-many changes through the receivers ``programs.apps``
connects, bulk writes through this queryset (the default manager of every
catalogue model, and of the related managers built on it)."""

from core.versioned import VersionedQuerySet

# The catalogue and its rules: providers, programs, units, offerings and their
# sessions, prices, requirements and rubrics, completion and renewal rules.
CATALOGUE = "catalogue"


class CatalogueQuerySet(VersionedQuerySet):
    source = CATALOGUE
