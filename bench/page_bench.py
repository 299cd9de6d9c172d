"""Page latency (p50, p95) and query count of the portal's main pages, each against
the floor view in the same run; the throughput of the public pages, the awards
API and ``/healthz`` against the floor's.

Usage: .venv/bin/python bench/page_bench.py [--seconds 10] [--compare-database URL]
       [--write]

Serves the database in DATABASE_URL with gunicorn (2 sync workers, production
settings) and loads each page from a separate process with wrk (Debian's ``wrk``
package: ``apt-get install -y wrk``), 2 connections, right after loading the floor
view (``credentials_portal/bench_floor.py``: one indexed query through the same
middleware, with the same session cookie). Query counts are read in-process with
the test client, here and, with ``--compare-database``, on a second dataset of
another size, to show they do not grow with the data: each page asked twice, the
second counted (a page served from the shared cache makes its queries once).
As in production, gunicorn and the counts use Redis (``BENCH_REDIS_URL``) for the
cache and as the broker ``/healthz`` checks. The awards API is asked by the admin
with a personal token (made for the run, revoked after). ``--write`` replaces the
"pages" section of docs/benchmarks.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
from load import MIN_REQUESTS, free_port, wrk
from load import serve as gunicorn_serve
from worker import REDIS_URL

# One secret for this process and gunicorn: the session's auth hash is signed with it.
SECRET_KEY = os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(24).hex())
# The cache and the broker, as in production.
SERVED_WITH = {"REDIS_URL": REDIS_URL, "CELERY_BROKER_URL": REDIS_URL}
report.django_setup(BENCH_FLOOR_VIEW="true", **SERVED_WITH)

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Exists, OuterRef, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# The pages measured: (name, URL, who asks).
PAGES = [
    ("learner dashboard", "/dashboard/", "learner"),
    ("facilitator home", "/dashboard/", "facilitator"),
    ("facilitator review queue", "/review/", "facilitator"),
    ("admin home", "/dashboard/", "admin"),
    ("admin awards list", "/admin/certificates/award/", "admin"),
    ("admin reports", "/admin/reports/", "admin"),
    ("catalogue", "/catalog/", None),
    ("verification page", "/verify/{code}/", None),
]
FLOOR = "/bench/floor/"
API = "/api/v1/awards/"
HEALTHZ = "/healthz"
MAX_QUERIES = 12
P95_WITHIN = 3.0
# The verification page's throughput against the floor's, anonymous, as compared
# with the peer: wrk at this concurrency.
THROUGHPUT_CONNECTIONS = 4
VERIFY_RPS_SHARE = 0.8
# The awards API against the peer's credential list (Open edX Credentials, 5 sync
# gunicorn workers, wrk at 4 connections, on this machine kind: issue 17).
PEER_API_RPS = 92
API_PEER_MULTIPLE = 4
# /healthz when nothing is wrong: as cheap as the floor.
HEALTHZ_RPS_SHARE = 1.0


def subjects() -> dict:
    """Who asks for each page: the busiest learner, facilitator and an admin."""
    from django.contrib.auth import get_user_model

    from certificates.models import Award
    from enrollments.models import Enrollment

    users = get_user_model().objects
    working = Enrollment.objects.filter(
        learner=OuterRef("pk"), status="active", submissions__isnull=False
    )
    # A learner with every kind of enrollment and work under way (so that both
    # sizes compare the same page), the one with the most enrollments.
    learner = (
        users.filter(email__endswith="@bench.test", awards__isnull=False)
        .annotate(
            n=Count("enrollments", distinct=True),
            **{
                status: Count("enrollments", filter=Q(enrollments__status=status))
                for status in ("active", "completed", "withdrawn")
            },
        )
        .filter(active__gt=0, completed__gt=0, withdrawn__gt=0)
        .filter(Exists(working))
        .order_by("-n", "pk")
        .first()
    )
    facilitator = (
        users.filter(facilitated_offerings__isnull=False)
        .annotate(
            n=Count(
                "facilitated_offerings__enrollments",
                filter=Q(facilitated_offerings__enrollments__status="active"),
            )
        )
        .order_by("-n", "pk")
        .first()
    )
    admin = users.get(email="admin@bench.test")
    award = Award.objects.filter(status="issued").order_by("-pk").first()
    return {
        "people": {"learner": learner, "facilitator": facilitator, "admin": admin},
        "code": award.verification_code,
    }


def session_for(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def token_for(user) -> tuple[object, str]:
    """A personal API token for the run (``api_token_revoke`` it after)."""
    from api.services import api_token_create

    return api_token_create(user=user, name=f"page_bench {time.time_ns()}")


def query_counts(found: dict, token: str) -> dict[str, int]:
    """Each page's queries, asked twice: the second request's."""
    counts = {}
    for name, url, who in [
        *PAGES,
        ("floor", FLOOR, "learner"),
        ("awards API", API, "token"),
        ("healthz", HEALTHZ, None),
    ]:
        client = Client()
        if who == "token":
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        elif who:
            client.cookies["sessionid"] = session_for(found["people"][who])
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url.format(code=found["code"]), secure=True)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        counts[name] = len(queries)
    return counts


def compare_counts(database_url: str) -> dict[str, int]:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(  # noqa: S603 - this script, in another process
        [sys.executable, __file__, "--counts-only"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def scale_of() -> str:
    from enrollments.models import Enrollment
    from reviews.models import SubmissionVersion

    return (
        f"{Enrollment.objects.count():,} enrollments, "
        f"{SubmissionVersion.objects.count():,} submission versions"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--compare-database")
    parser.add_argument("--counts-only", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="1-second measurements after 1 s of warm-up: checks it runs",
    )
    args = parser.parse_args()
    if args.smoke:
        args.seconds = 1
    found = subjects()
    admin = found["people"]["admin"]
    api_token, token = token_for(admin)
    try:
        measured = measure(found, token, args)
    finally:
        from api.services import api_token_revoke

        api_token_revoke(token=api_token, actor=admin)
    if measured is None:
        return
    rows, counts, other, throughput = measured
    body = table(rows, counts, other, args) + throughput_table(throughput, counts)
    sys.stdout.write(body + "\n")
    report.fragment_write("pages", figures(rows, counts, other, throughput))
    if args.write:
        report.section_write("pages", body)


def measure(found: dict, token: str, args):
    """The query counts, then (unless ``--counts-only``) the pages and the
    throughput under gunicorn; None when only counting."""
    counts = query_counts(found, token)
    if args.counts_only:
        sys.stdout.write(json.dumps({**counts, "_scale": scale_of()}) + "\n")
        return None
    other = compare_counts(args.compare_database) if args.compare_database else {}
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    warm = 1 if args.smoke else 2
    port, static_root = free_port(), tempfile.mkdtemp(prefix="bench-static-")
    server = gunicorn_serve(
        port, static_root, {"SECRET_KEY": SECRET_KEY, **SERVED_WITH}
    )
    rows = []
    try:
        for name, url, who in PAGES:
            cookie = session_for(found["people"][who]) if who else None
            base = f"http://127.0.0.1:{port}"
            floor = wrk(base + FLOOR, cookie, args.seconds, warm=warm)
            page = wrk(
                base + url.format(code=found["code"]), cookie, args.seconds, warm=warm
            )
            rows.append((name, url, who, page, floor))
            sys.stdout.write(
                f"{name}: p50 {page['p50']:.1f} ms, p95 {page['p95']:.1f} ms; "
                f"floor p95 {floor['p95']:.1f} ms; {counts[name]} queries" + "\n"
            )
            sys.stdout.flush()
        throughput = {
            name: wrk(
                f"http://127.0.0.1:{port}" + url,
                None,
                args.seconds,
                connections=THROUGHPUT_CONNECTIONS,
                warm=warm,
                token=bearer,
            )
            for name, url, bearer in [
                ("verify", f"/verify/{found['code']}/", None),
                ("floor", FLOOR, None),
                ("api", API, token),
                ("healthz", HEALTHZ, None),
            ]
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
    return rows, counts, other, throughput


def rps(result: dict) -> float:
    return result["requests"] / result["seconds"]


def throughput_table(throughput: dict, counts: dict[str, int]) -> str:
    verify, floor = rps(throughput["verify"]), rps(throughput["floor"])
    api, healthz = rps(throughput["api"]), rps(throughput["healthz"])

    def verdict(met: bool, missed: str) -> str:
        return "met" if met else f"MISSED ({missed})"

    api_target = PEER_API_RPS * API_PEER_MULTIPLE
    rows = [
        (
            "verification page (anonymous)",
            "verify",
            counts["verification page"],
            f">= {VERIFY_RPS_SHARE}x the floor: "
            + verdict(
                verify >= VERIFY_RPS_SHARE * floor, f"{verify / floor:.2f}x the floor"
            ),
        ),
        (
            "awards API (`" + API + "`, the admin's token)",
            "api",
            counts["awards API"],
            f">= {API_PEER_MULTIPLE}x the peer's {PEER_API_RPS} req/s "
            f"({api_target} req/s): "
            + verdict(api >= api_target, f"{api / PEER_API_RPS:.1f}x the peer's"),
        ),
        (
            "`" + HEALTHZ + "` (anonymous)",
            "healthz",
            counts["healthz"],
            f">= {HEALTHZ_RPS_SHARE}x the floor: "
            + verdict(
                healthz >= HEALTHZ_RPS_SHARE * floor,
                f"{healthz / floor:.2f}x the floor",
            ),
        ),
        ("floor view (anonymous)", "floor", "-", ""),
    ]
    lines = [
        "",
        "",
        f"Throughput, wrk at {THROUGHPUT_CONNECTIONS} connections (gunicorn with "
        "Redis as its cache and broker, as in production):",
        "",
        "| page | requests/s | p95 (ms) | / floor | queries | target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, key, queries, target in rows:
        result = throughput[key]
        lines.append(
            f"| {label} | {rps(result):.0f} | {result['p95']:.1f} | "
            f"{rps(result) / floor:.2f}x | {queries} | {target} |"
        )
    return "\n".join(lines)


def figures(rows, counts, other, throughput) -> dict:
    """The run's figures for docs/benchmarks.json."""
    pages = {
        name: {
            "url": url,
            "p50_ms": page["p50"],
            "p95_ms": page["p95"],
            "floor_p50_ms": floor["p50"],
            "floor_p95_ms": floor["p95"],
            "queries": counts[name],
            "queries_other_size": other.get(name),
        }
        for name, url, _who, page, floor in rows
    }
    return {
        "pages": pages,
        "floor_queries": counts["floor"],
        "verify_rps": rps(throughput["verify"]),
        "floor_rps": rps(throughput["floor"]),
        "api_rps": rps(throughput["api"]),
        "healthz_rps": rps(throughput["healthz"]),
        "rps_connections": THROUGHPUT_CONNECTIONS,
        "api_queries": counts["awards API"],
        "healthz_queries": counts["healthz"],
    }


def table(rows, counts, other, args) -> str:
    here = scale_of()
    lines = [
        report.stamp(
            "DATABASE_URL=... .venv/bin/python bench/page_bench.py "
            + " ".join(sys.argv[1:])
        ),
        f"Dataset: {here}"
        + (f"; query counts also on {other['_scale']}." if other else "."),
        f"gunicorn, 2 sync workers; wrk, 1 thread, 2 connections, {args.seconds} s per "
        "measurement after 2 s of warm-up (longer for a page that answers fewer than "
        f"{MIN_REQUESTS} times in that time), waiting after each run for the requests "
        "wrk leaves in flight; the floor measured just before its page, with the same "
        "session.",
        "",
        "| page | who | p50 (ms) | p95 (ms) | floor p50 / p95 (ms) | p50 / floor p50 "
        "| p95 / floor p95 "
        "| requests | queries | queries, other size | targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, url, who, page, floor in rows:
        ratio = page["p95"] / floor["p95"]
        queries, queries_other = counts[name], other.get(name, "-")
        ok_queries = queries <= MAX_QUERIES and (not other or queries == queries_other)
        verdict = f"queries {'met' if ok_queries else 'MISSED'}; p95 " + (
            "met" if ratio <= P95_WITHIN else f"MISSED by {ratio / P95_WITHIN:.1f}x"
        )
        lines.append(
            f"| {name} (`{url}`) | {who or 'anonymous'} | {page['p50']:.1f} | "
            f"{page['p95']:.1f} | {floor['p50']:.1f} / {floor['p95']:.1f} | "
            f"{page['p50'] / floor['p50']:.1f}x | "
            f"{ratio:.1f}x | {page['requests']} | {queries} | {queries_other} | "
            f"{verdict} |"
        )
    lines.append(
        f"\nThe floor view itself makes {counts['floor']} queries with a session "
        "(session, user, its one indexed query)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
