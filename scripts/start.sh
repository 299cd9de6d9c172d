#!/usr/bin/env bash
# Set up and start the portal with its demo catalogue and demo users.
# Embedded default: SQLite file, tasks run in-process, email printed to the console.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_ensure "${WEASYPRINT_PACKAGES[@]}"
venv_ensure ""
say "Migrating the database"
.venv/bin/python manage.py migrate --noinput
say "Loading the demo catalogue and demo users"
.venv/bin/python manage.py load_demo
say "Starting the portal on http://127.0.0.1:8000 (Ctrl-C stops it)"
exec .venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
