"""``/healthz`` for load balancers: 200 when the database answers a query and the
broker (when one is configured) answers within a short timeout, 503 otherwise.

A load balancer polls often: the broker's answer is kept for
``BROKER_CHECK_SECONDS`` per process (per broker URL), on one kept connection, so
a healthy portal answers ``/healthz`` for the price of the database's ``SELECT 1``.
A broker that goes down is reported within those seconds; a failed check drops
its connection, so the next one connects afresh."""

import contextlib
import threading
from time import monotonic

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

BROKER_TIMEOUT_SECONDS = 2
BROKER_CHECK_SECONDS = 5

_broker_lock = threading.Lock()
# The one kept channel and the last check, per broker URL (a test or a
# settings change may point elsewhere): url -> channel, url -> (at, ok).
_broker_channels: dict = {}
_broker_checked: dict[str, tuple[float, bool]] = {}


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means unhealthy
        return False


def _broker_channel(url: str):
    """The kept channel to the broker (Redis): its client holds one socket."""
    channel = _broker_channels.get(url)
    if channel is None:
        # The socket timeout bounds a broker that accepts but never replies;
        # connect_timeout alone would wait on it forever.
        broker = Connection(
            url,
            connect_timeout=BROKER_TIMEOUT_SECONDS,
            transport_options={
                "socket_timeout": BROKER_TIMEOUT_SECONDS,
                "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
            },
        )
        broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
        channel = broker.channel()  # opening a Redis channel sends a PING
        _broker_channels[url] = channel
    return channel


def _broker_check(url: str) -> bool:
    """One PING on the kept connection; a failure drops it, so the next check
    connects afresh."""
    try:
        _broker_channel(url).client.ping()
        return True
    except Exception:  # any failure means unhealthy
        channel = _broker_channels.pop(url, None)
        if channel is not None:
            # already broken: nothing more to release
            with contextlib.suppress(Exception):
                channel.connection.client.release()
        return False


def _broker_ok() -> bool | None:
    url = settings.CELERY_BROKER_URL
    if not url:
        return None
    with _broker_lock:
        checked = _broker_checked.get(url)
        if checked and monotonic() - checked[0] < BROKER_CHECK_SECONDS:
            return checked[1]
        ok = _broker_check(url)
        _broker_checked[url] = (monotonic(), ok)
        return ok


def broker_check_forget() -> None:
    """Forget the kept answers (tests; the connections stay)."""
    with _broker_lock:
        _broker_checked.clear()


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(ok is not False for ok in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )
