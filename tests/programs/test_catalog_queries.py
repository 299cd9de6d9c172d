"""The catalogue's query count does not grow with the offerings it lists."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Unit
from tests.factories import EnrollmentFactory, OpenOfferingFactory


def _catalog_queries(client, offerings_per_unit: int) -> tuple[int, bytes]:
    for unit in Unit.objects.all():
        for _ in range(offerings_per_unit):
            EnrollmentFactory(offering=OpenOfferingFactory(unit=unit))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programs:catalog"))
    assert response.status_code == 200
    return len(queries), response.content


def test_the_catalogue_query_count_does_not_grow(client, demo_catalog):
    few, _ = _catalog_queries(client, 1)
    many, page = _catalog_queries(client, 4)
    assert many == few
    assert b"Online Teaching and Learning in Action" in page
