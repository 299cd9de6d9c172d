"""``/healthz`` for load balancers: 200 when the database answers a query and the
broker (when one is configured) answers within a short timeout, 503 otherwise."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

BROKER_TIMEOUT_SECONDS = 2


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means unhealthy
        return False


def _broker_ok() -> bool | None:
    url = settings.CELERY_BROKER_URL
    if not url:
        return None
    try:
        # The socket timeout bounds a broker that accepts but never replies;
        # connect_timeout alone would wait on it forever.
        with Connection(
            url,
            connect_timeout=BROKER_TIMEOUT_SECONDS,
            transport_options={
                "socket_timeout": BROKER_TIMEOUT_SECONDS,
                "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
            },
        ) as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
        return True
    except Exception:  # any failure means unhealthy
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(ok is not False for ok in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )
