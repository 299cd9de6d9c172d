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


@pytest.fixture
def broker_checks(settings, monkeypatch):
    """The broker's real checks, counted; every test starts with none kept."""
    from credentials_portal import health

    settings.CELERY_BROKER_URL = os.environ.get(
        "TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
    )
    health.broker_check_forget()
    calls: list[str] = []
    real_check = health._broker_check

    def counted(url: str) -> bool:
        calls.append(url)
        return real_check(url)

    monkeypatch.setattr(health, "_broker_check", counted)
    yield calls
    health.broker_check_forget()


@pytest.fixture
def monotonic_at(monkeypatch):
    """Sets the health check's monotonic clock."""
    from credentials_portal import health

    def at(seconds: float) -> None:
        monkeypatch.setattr(health, "monotonic", lambda: seconds)

    return at


def test_calls_within_the_window_check_the_broker_once(
    client, broker_checks, monotonic_at
):
    from credentials_portal.health import BROKER_CHECK_SECONDS

    monotonic_at(1000.0)
    first = client.get("/healthz")
    monotonic_at(1000.0 + BROKER_CHECK_SECONDS - 0.1)
    second = client.get("/healthz")

    assert first.status_code == second.status_code == 200
    assert second.json()["broker"] is True
    assert len(broker_checks) == 1


def test_a_call_after_the_window_checks_again(client, broker_checks, monotonic_at):
    from credentials_portal.health import BROKER_CHECK_SECONDS

    monotonic_at(1000.0)
    client.get("/healthz")
    monotonic_at(1000.0 + BROKER_CHECK_SECONDS)
    response = client.get("/healthz")

    assert response.status_code == 200
    assert len(broker_checks) == 2


def test_checks_reuse_one_connection(client, broker_checks, monotonic_at):
    from credentials_portal import health

    monotonic_at(1000.0)
    client.get("/healthz")
    kept = health._broker_channels[broker_checks[0]]
    monotonic_at(2000.0)
    client.get("/healthz")

    assert health._broker_channels[broker_checks[0]] is kept
    assert len(broker_checks) == 2


def test_a_broker_that_goes_down_is_reported_after_the_window(
    client, broker_checks, monotonic_at, monkeypatch
):
    from credentials_portal import health

    monotonic_at(1000.0)
    assert client.get("/healthz").status_code == 200
    url = broker_checks[0]

    def refuse() -> None:
        raise ConnectionError("the broker went away")

    monkeypatch.setattr(health._broker_channels[url].client, "ping", refuse)
    monotonic_at(1000.0 + health.BROKER_CHECK_SECONDS)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] is False
    # the broken connection is dropped: the next check connects afresh
    assert url not in health._broker_channels
