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
say "Starting the portal on $SITE_URL (Ctrl-C stops it)"
exec .venv/bin/python manage.py runserver "$PORT"
