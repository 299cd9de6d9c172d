#!/usr/bin/env bash
# Set up and start the portal with its demo catalogue and demo users.
# Embedded default: SQLite file, tasks run in-process, email printed to the console.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# PORT is runserver's address ("8400", "127.0.0.1:8400", "0.0.0.0:8400"); links in
# certificates (the demo's too), emails and PDFs name it unless SITE_URL is set.
PORT="${PORT:-127.0.0.1:8000}"
export SITE_URL="${SITE_URL:-$(site_url_for "$PORT")}"

apt_ensure "${WEASYPRINT_PACKAGES[@]}"
venv_ensure ""
say "Migrating the database"
.venv/bin/python manage.py migrate --noinput
say "Loading the demo catalogue and demo users"
.venv/bin/python manage.py load_demo
# The periodic work (sweeps that issue awards as they become due, reminders) runs
# beside the server, on Celery beat's schedule, and stops with it.
say "Starting the scheduler (manage.py run_scheduler)"
.venv/bin/python manage.py run_scheduler &
scheduler_pid=$!
trap 'kill "$scheduler_pid" 2>/dev/null' EXIT
say "Starting the portal on $SITE_URL (Ctrl-C stops it)"
.venv/bin/python manage.py runserver "$PORT"
