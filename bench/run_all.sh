#!/usr/bin/env bash
# Every benchmark against one large dataset, writing every table of
# docs/benchmarks.md (each with the machine's load average) and the same figures
# to docs/benchmarks.json (bench/assemble.py, from each script's JSON fragment).
# BENCH_DATABASE_URL: the large dataset (built by `manage.py bench_data --scale large`);
# BENCH_COMPARE_DATABASE_URL: a smaller one, for the query counts at a second size.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/cp_bench_large}"
: "${BENCH_COMPARE_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/cp_bench_small}"
command -v wrk >/dev/null || apt-get install -y wrk
# The page benchmark serves with gunicorn, the deploy extra.
.venv/bin/pip install --quiet --disable-pip-version-check -e ".[deploy]"
export DATABASE_URL="$BENCH_DATABASE_URL"
BENCH_FRAGMENTS="$(mktemp -d)"
export BENCH_FRAGMENTS
trap 'rm -rf "$BENCH_FRAGMENTS"' EXIT
.venv/bin/python bench/dataset_report.py --write
# The admin report reads the worker's rollup: count it on both datasets first
# (the time it takes is printed: the worker's cost of one rollup).
for db in "$BENCH_DATABASE_URL" "$BENCH_COMPARE_DATABASE_URL"; do
  DATABASE_URL="$db" .venv/bin/python manage.py report_rollup
done
.venv/bin/python bench/page_bench.py --seconds 10 \
  --compare-database "$BENCH_COMPARE_DATABASE_URL" --write
.venv/bin/python bench/sweep_bench.py --write
.venv/bin/python bench/met_bench.py --count 50 --write
.venv/bin/python bench/issuance_bench.py latency --count 200 --write
.venv/bin/python bench/issuance_bench.py bulk --count 1000 --write
.venv/bin/python bench/assemble.py "$BENCH_FRAGMENTS"
