"""The built wheel holds every app, its migrations and every template.

The wheel is built from a copy of the source (so the checkout gets no ``build/``),
then Django is set up in a subprocess that imports the apps from the wheel alone.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", "node_modules", ".git", "*.egg-info", "var", "tests", "build", "dist",
    "staticfiles", "__pycache__", "*.sqlite3", "docs", "bench",
)  # fmt: skip

IMPORT_FROM_WHEEL = """
import json, django
django.setup()
from django.apps import apps
print(json.dumps({c.label: c.path for c in apps.get_app_configs()}))
"""


def _local_apps() -> list:
    """The project's own apps: folders at the top of the checkout."""
    return [c for c in apps.get_app_configs() if Path(c.path).parent == ROOT]


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE, symlinks=True)
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(  # noqa: S603 (our own interpreter and paths)
        [*pip, "--quiet", str(source), "-w", str(tmp_path / "dist")],
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("credentials_portal-*.whl")
    return wheel


def test_wheel_holds_every_app_migration_and_template(tmp_path):
    # given the wheel built from the source
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())

    # then every local app, each of its migrations and every template is inside
    expected = set()
    for config in _local_apps():
        app_dir = Path(config.path)
        for path in app_dir.rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".txt"}:
                expected.add(path.relative_to(ROOT).as_posix())
    for top in ("templates", "static"):
        expected |= {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / top).rglob("*")
            if p.is_file()
        }
    assert {"audit", "dashboard", "demo"} <= {c.label for c in _local_apps()}
    assert any("/migrations/0001_initial.py" in name for name in expected)
    assert sorted(expected - names) == []

    # and Django set up from the wheel alone loads every app from it
    env = {
        **os.environ,
        "PYTHONPATH": str(wheel),
        "DJANGO_SETTINGS_MODULE": "credentials_portal.settings",
    }
    done = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-P", "-c", IMPORT_FROM_WHEEL],
        check=True,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    paths = json.loads(done.stdout.strip().splitlines()[-1])
    for config in _local_apps():
        assert paths[config.label].startswith(str(wheel)), config.label
