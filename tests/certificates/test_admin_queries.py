"""The admin's awards change list: its queries do not grow with the awards, and
its one count stops at a cap (``core.paging``)."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.models import Award
from core import clock
from core.paging import CappedCountPaginator
from tests.factories import LearnerFactory, PortalAdminFactory, UnitFactory

URL = "/admin/certificates/award/"
# session, user; the program and provider filters' choices; the capped count;
# the page of awards with their learner, program and unit.
AWARDS_LIST_QUERIES = 6
SELECT_ACROSS = 'class="question hidden"'  # "Select all N awards"


def _awards(count: int) -> None:
    for _ in range(count):
        Award.objects.create(
            learner=LearnerFactory(),
            unit=UnitFactory(),
            earned_on=clock.today(),
            snapshot={"credential": "A unit", "name": "A learner"},
        )


def _awards_list(client, query: str = "") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + query)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def admin_client(client, db):
    client.force_login(PortalAdminFactory(is_staff=True, is_superuser=True))
    return client


def test_the_awards_change_list_query_count_does_not_grow(admin_client):
    _awards(4)
    few, page = _awards_list(admin_client)
    _awards(8)
    many, larger = _awards_list(admin_client)
    assert few == many == AWARDS_LIST_QUERIES
    assert "4 awards" in page
    assert "12 awards" in larger
    assert larger.count('name="_selected_action"') == 12
    # The earned day filters by ranges, without reading the awards for them.
    assert "By earned on" in larger
    assert "Past 7 days" in larger


def test_past_the_cap_the_list_says_more_than_and_offers_no_select_all(
    admin_client, monkeypatch
):
    monkeypatch.setattr(CappedCountPaginator, "cap", 5)
    monkeypatch.setattr(admin.site.get_model_admin(Award), "list_per_page", 2)
    _awards(7)
    queries, page = _awards_list(admin_client)
    assert queries == AWARDS_LIST_QUERIES
    assert "More than 5 awards: filter or search to see the others" in page
    assert page.count('name="_selected_action"') == 2
    assert SELECT_ACROSS not in page
    # Three pages of two reach the cap's five; the sixth and seventh awards
    # are found by narrowing the list.
    assert _awards_list(admin_client, "?p=3")[1].count('name="_selected_action"') == 1
    assert admin_client.get(URL + "?p=4").status_code == 302  # past the cap
    found = _awards_list(admin_client, f"?q={Award.objects.last().learner.email}")
    assert "1 award" in found[1]
    assert "More than" not in found[1]
    # Under the cap, the same pages offer to select all seven.
    monkeypatch.setattr(CappedCountPaginator, "cap", 10)
    uncapped = _awards_list(admin_client)[1]
    assert "7 awards" in uncapped
    assert SELECT_ACROSS in uncapped
