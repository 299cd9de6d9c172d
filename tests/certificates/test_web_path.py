"""WeasyPrint loads in the worker only, never in a web request path."""

import subprocess
import sys

from django.conf import settings

WEB_PROCESS = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import certificates.admin, certificates.receivers
import certificates.services, certificates.tasks
print("weasyprint" in sys.modules)
"""


def test_the_web_side_never_imports_weasyprint():
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WEB_PROCESS],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "credentials_portal.settings", "PATH": ""},
    )
    assert result.stdout.strip() == "False"


def test_the_worker_side_imports_it_to_render():
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            "-c",
            WEB_PROCESS.replace(
                "print(", "import certificates.services.issuance\nprint("
            ),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "credentials_portal.settings", "PATH": ""},
    )
    assert result.stdout.strip() == "True"
