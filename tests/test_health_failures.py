"""``/healthz`` answers 503, and soon, when the database or the broker is down or
silent: the real checks run against real sockets."""

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.utils import load_backend

pytestmark = pytest.mark.django_db

# The check's own timeouts (2 s broker, 5 s database connect) and some slack.
PATIENCE_SECONDS = 8


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never sends a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:  # the server socket was closed
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for peer in accepted:
        peer.close()


@pytest.fixture
def database_at(monkeypatch):
    """Points the health check's connection at another port: a second connection
    built from the test database's settings, so the test database stays open."""

    def point(port: int) -> None:
        settings_dict = {**connection.settings_dict, "HOST": "127.0.0.1"}
        settings_dict["PORT"] = str(port)
        backend = load_backend(settings_dict["ENGINE"])
        down = backend.DatabaseWrapper(settings_dict, alias="healthz-down")
        monkeypatch.setattr("credentials_portal.health.connection", down)

    if connection.vendor != "postgresql":
        pytest.skip("the database is reached over TCP only on PostgreSQL")
    return point


def healthz(client) -> tuple[int, dict, float]:
    started = time.monotonic()
    response = client.get("/healthz")
    return response.status_code, response.json(), time.monotonic() - started


def test_a_database_refusing_connections_is_503(
    client, settings, database_at, closed_port
):
    settings.CELERY_BROKER_URL = ""
    database_at(closed_port)

    status, body, _ = healthz(client)

    assert status == 503
    assert body == {"status": "unavailable", "database": False, "broker": None}


def test_a_database_that_never_answers_is_503_within_the_timeout(
    client, settings, database_at, silent_port
):
    settings.CELERY_BROKER_URL = ""
    database_at(silent_port)

    status, body, seconds = healthz(client)

    assert status == 503
    assert body["database"] is False
    assert seconds < PATIENCE_SECONDS


def test_a_broker_that_never_answers_is_503_within_the_timeout(
    client, settings, silent_port
):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{silent_port}/0"

    status, body, seconds = healthz(client)

    assert status == 503
    assert body == {"status": "unavailable", "database": True, "broker": False}
    assert seconds < PATIENCE_SECONDS


def test_a_refused_broker_stays_reported_within_the_window(
    client, settings, closed_port
):
    from credentials_portal import health

    health.broker_check_forget()
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port}/0"

    first, _, _ = healthz(client)
    second, body, _ = healthz(client)

    assert first == second == 503
    assert body["broker"] is False
