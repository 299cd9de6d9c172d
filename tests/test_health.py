"""``/healthz``: 200 when the database and the broker answer, 503 otherwise."""

import os

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "broker": None}


def test_healthy_with_a_reachable_broker(client, settings):
    settings.CELERY_BROKER_URL = os.environ.get(
        "TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] is True


def test_unreachable_broker_is_503(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": True,
        "broker": False,
    }
