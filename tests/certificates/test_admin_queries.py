"""The admin's awards change list: its query count does not grow with the awards."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Award
from core import clock
from tests.factories import LearnerFactory, PortalAdminFactory, UnitFactory


def _awards_list_queries(client, awards: int) -> tuple[int, int]:
    for _ in range(awards):
        Award.objects.create(
            learner=LearnerFactory(),
            unit=UnitFactory(),
            earned_on=clock.today(),
            snapshot={"credential": "A unit", "name": "A learner"},
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/certificates/award/")
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


def test_the_awards_change_list_query_count_does_not_grow(client, db):
    client.force_login(PortalAdminFactory(is_staff=True, is_superuser=True))
    few, shown = _awards_list_queries(client, 2)
    many, shown_after = _awards_list_queries(client, 10)
    assert (shown, shown_after) == (2, 12)
    assert many == few
