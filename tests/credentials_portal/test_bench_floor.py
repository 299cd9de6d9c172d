"""The benchmark's floor view exists only while BENCH_FLOOR_VIEW is on."""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches

import credentials_portal.urls


@pytest.fixture
def floor_routed(settings):
    settings.BENCH_FLOOR_VIEW = True
    importlib.reload(credentials_portal.urls)
    clear_url_caches()
    yield
    settings.BENCH_FLOOR_VIEW = False
    importlib.reload(credentials_portal.urls)
    clear_url_caches()


def test_the_floor_view_is_not_routed_by_default(client, db, settings):
    assert settings.BENCH_FLOOR_VIEW is False
    assert client.get("/bench/floor/").status_code == 404


def test_the_floor_view_makes_one_query_when_routed(client, db, floor_routed):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bench/floor/")
    assert response.status_code == 200
    assert b"anonymous" in response.content
    assert len(queries) == 1
