"""The transcript's web side sends its PDF task by name: no WeasyPrint there."""

import subprocess
import sys

from django.conf import settings

WEB_PROCESS = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import transcripts.views, transcripts.services, transcripts.tasks, transcripts.admin
import certificates.wallet_views, dashboard.views
print("weasyprint" in sys.modules)
"""


def run(script: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "credentials_portal.settings", "PATH": ""},
    )
    return result.stdout.strip()


def test_the_transcript_web_side_never_imports_weasyprint():
    assert run(WEB_PROCESS) == "False"


def test_the_worker_side_imports_it_to_render_the_pdf():
    worker = WEB_PROCESS.replace(
        "print(", "import transcripts.services.rendering\nprint("
    )
    assert run(worker) == "True"
