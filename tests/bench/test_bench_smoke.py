"""Every benchmark script runs once on the small dataset (``--smoke``: tiny
counts, 1-second measurements) and writes its figures: this fails on an error,
never on a timing. The scripts run as the benchmark runs them, in their own
processes against the test database, so the dataset is committed
(``transaction=True``) and flushed after."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench(bench_small, tmp_path):
    """Runs a benchmark script on the committed small dataset; returns its output."""
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks run on PostgreSQL")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}"
            f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "BENCH_REDIS_URL": os.environ.get(
            "TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
        ),
        "BENCH_FRAGMENTS": str(tmp_path),
    }

    def run(*args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our interpreter and our scripts
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
        return result.stdout

    run.fragments = tmp_path
    return run


def test_every_benchmark_runs_and_docs_json_is_assembled(bench, tmp_path):
    bench("bench/dataset_report.py")
    if shutil.which("wrk") and Path(sys.executable).with_name("gunicorn").exists():
        bench("bench/page_bench.py", "--smoke")
        served = True
    else:  # CI has neither: the pages' in-process part (query counts) only
        assert json.loads(
            bench("bench/page_bench.py", "--counts-only").splitlines()[-1]
        )
        served = False
    bench("bench/sweep_bench.py", "--smoke")
    bench("bench/met_bench.py", "--smoke")
    bench("bench/issuance_bench.py", "latency", "--smoke")
    bench("bench/issuance_bench.py", "bulk", "--smoke")
    out = tmp_path / "benchmarks.json"
    bench("bench/assemble.py", str(bench.fragments), "--out", str(out))

    document = json.loads(out.read_text())
    for figure in [
        "render_p50_ms",
        "met_p95_ms",
        "met_sql_statements",
        "met_to_pdf_p95_ms",
        "sweep_s",
    ]:
        assert document[figure] is not None, figure
    # a smoke run issues 2 certificates in bulk, not the 1,000 the figure names
    assert document["bulk_1000_s"] is None
    assert document["sections"]["bulk"]["certificates"] == 2
    assert document["sections"]["dataset"]["enrollments"] > 0
    if served:
        for figure in ["verify_rps", "floor_rps", "api_rps", "healthz_rps"]:
            assert document[figure] > 0, figure
        # served from the shared cache (Redis, as in production)
        assert document["pages"]["verification page"]["queries"] == 0
        assert document["sections"]["pages"]["api_queries"] <= 4
