#!/usr/bin/env bash
# Set up and run the whole test suite (unit, integration, Celery worker and browser
# tests) against PostgreSQL and Redis on this machine. Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_ensure "${WEASYPRINT_PACKAGES[@]}" poppler-utils chromium chromium-driver \
  postgresql postgresql-client redis-server
venv_ensure "[dev]"

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  say "Installing axe-core for the accessibility checks"
  npm install --no-audit --no-fund --silent
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  say "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "Starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 1; done
fi

export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/credentials_portal}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
say "Lint: ruff check and ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
say "Security: bandit on the project code, failing on high-severity findings"
.venv/bin/bandit -c pyproject.toml -r . --severity-level high --quiet
say "Types: mypy with django-stubs on services and selectors"
.venv/bin/mypy
say "Django system checks (development and production settings)"
.venv/bin/python manage.py check --fail-level WARNING
DEBUG=false SECRET_KEY="check-only-$(date +%s)-a-long-random-enough-secret-key-value" \
  ALLOWED_HOSTS=portal.example.org .venv/bin/python manage.py check --deploy \
  --fail-level WARNING
# Missing migrations are a model question, not a database one: check on SQLite.
DATABASE_URL=sqlite://:memory: .venv/bin/python manage.py makemigrations --check --dry-run

say "pytest"
set +e
# Playwright's sync API runs an event loop in the test thread; Django must allow it.
DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python -m pytest "$@"
status=$?
# The suite must pass on any day at any hour (tests/clock.py): run the non-browser
# tests again with every test's clock at a hostile moment, the last evening of
# February in the portal's time zone, when it is already March 1 in UTC. The
# browser journeys are left out to keep CI short (about seven minutes more).
HOSTILE_CLOCK=2027-02-28T22:30
say "pytest again, every test's clock at ${HOSTILE_CLOCK} (TIME_ZONE), browser tests excluded"
DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/python -m pytest -m "not e2e" \
  --ignore=tests/e2e --clock="${HOSTILE_CLOCK}" "$@"
moved_status=$?
set -e
# Arguments naming only browser tests leave the second run nothing to collect.
if [ "$moved_status" -eq 5 ] && [ "$#" -gt 0 ]; then moved_status=0; fi
# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
if [ "$status" -ne 0 ]; then exit "$status"; fi
exit "$moved_status"
