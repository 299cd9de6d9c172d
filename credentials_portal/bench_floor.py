"""The benchmark's floor: one indexed query through the whole middleware stack.

``bench/page_bench.py`` measures each page against this view in the same run, so
that a page's latency is read as a ratio to what the framework, the middleware,
the session and one database round trip cost on the same machine at that moment.
It is routed only when ``BENCH_FLOOR_VIEW`` is on (the benchmark sets it); a
production deployment never sets it, and then the URL does not exist.
"""

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse


def bench_floor(request: HttpRequest) -> HttpResponse:
    # A primary-key lookup: the cheapest indexed query a page could make.
    email = (
        get_user_model()
        .objects.filter(pk=request.user.pk or 0)
        .values_list("email", flat=True)
        .first()
    )
    who = "signed in" if email else "anonymous"
    return HttpResponse(
        f"<!doctype html><title>floor</title><p>{who}",
        content_type="text/html; charset=utf-8",
    )
