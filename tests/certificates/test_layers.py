"""Tasks depend on services, never the reverse: services enqueue by task name."""

import ast
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SERVICES = Path(settings.BASE_DIR) / "certificates" / "services"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved within its package."""
    package = ["certificates", "services"]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            names |= {module, *(f"{module}.{alias.name}" for alias in node.names)}
    return names


def test_no_certificates_service_imports_the_tasks():
    files = sorted(SERVICES.glob("*.py"))

    importers = [f.name for f in files if "certificates.tasks" in imported_modules(f)]

    assert len(files) >= 5
    assert importers == []


def test_importing_every_service_leaves_the_tasks_unimported():
    # A fresh interpreter: this test process has imported the tasks already.
    modules = [f"certificates.services.{f.stem}" for f in SERVICES.glob("*.py")]
    code = (
        "import importlib, sys, django; django.setup(); "
        f"[importlib.import_module(m) for m in {modules!r}]; "
        "print('certificates.tasks' in sys.modules, 'weasyprint' in sys.modules)"
    )

    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "credentials_portal.settings",
            "DATABASE_URL": "sqlite://:memory:",
        },
    )

    # (issuance, a service of the worker, loads WeasyPrint: the import ran.)
    assert result.stdout.split() == ["False", "True"]
