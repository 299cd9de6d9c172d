# Shared set-up steps for scripts/start.sh and scripts/test.sh. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

say() { printf '\n==> %s\n' "$*"; }

# Debian packages: WeasyPrint's libraries and fonts (and more for tests).
apt_ensure() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages first (e.g. with sudo apt-get install):"
    echo "  ${missing[*]}"
    exit 1
  fi
}

# The URL runserver's address answers on: 8400 or 127.0.0.1:8400 -> http://127.0.0.1:8400
# (0.0.0.0, every interface, is reached on 127.0.0.1).
site_url_for() {
  local port="$1" host=127.0.0.1
  case "$port" in *:*) host="${port%:*}" ;; esac
  [ "$host" = "0.0.0.0" ] && host=127.0.0.1
  echo "http://$host:${port##*:}"
}

WEASYPRINT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

venv_ensure() {
  local extra="$1"
  if [ ! -x .venv/bin/python ]; then
    say "Creating the virtual environment in .venv"
    "$PYTHON" -m venv .venv
  fi
  say "Installing Python packages (pip install -e \".$extra\")"
  .venv/bin/pip install --quiet --disable-pip-version-check -e ".$extra"
}
