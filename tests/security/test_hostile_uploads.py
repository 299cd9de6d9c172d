"""Hostile files posted to the upload form: each refused by name with a message next
to the field, and nothing stored (no artifact, no draft, no file on disk)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.containers import ARCHIVE_TOO_COMPRESSED
from reviews.messages import ReviewsRefused
from reviews.models import Artifact, SubmissionVersion
from reviews.services.submissions import artifact_add
from reviews.uploads import (
    FILE_CONTENT_MISMATCH,
    FILE_NAME_NOT_ALLOWED,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
)
from tests.reviews.scenarios import PDF_BYTES, loyola_full

pytestmark = pytest.mark.django_db

HTML_AS_PDF = b"<!DOCTYPE html><html><script>fetch('/admin/')</script></html>"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)'
    b"</script></svg>"
)


def bomb_docx() -> bytes:
    """A Word document whose one part unpacks a thousand times its packed size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    return buffer.getvalue()


HOSTILE = {
    "an HTML page named .pdf": (
        "report.pdf",
        HTML_AS_PDF,
        FILE_CONTENT_MISMATCH % {"name": "report.pdf", "ext": "pdf"},
    ),
    "an SVG with a script": (
        "badge.svg",
        SVG_WITH_SCRIPT,
        FILE_TYPE_NOT_ALLOWED % {"name": "badge.svg"},
    ),
    "an SVG with a script named .png": (
        "badge.png",
        SVG_WITH_SCRIPT,
        FILE_CONTENT_MISMATCH % {"name": "badge.png", "ext": "png"},
    ),
    "a zip bomb named .docx": (
        "plan.docx",
        bomb_docx(),
        ARCHIVE_TOO_COMPRESSED % {"name": "plan.docx", "ratio": 100},
    ),
}


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload_url(world) -> str:
    return reverse(
        "reviews:artifact_add", args=[world.enrollment.pk, world.requirement.pk]
    )


def assert_nothing_stored(settings) -> None:
    assert not Artifact.objects.exists()
    assert not SubmissionVersion.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_file_is_refused_by_name_and_nothing_is_stored(
    client, settings, kind
):
    name, data, message = HOSTILE[kind]
    world = loyola_full()
    client.force_login(world.enrollment.learner)

    response = client.post(upload_url(world), {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 400
    assert response.context["artifact_form"].errors["file"] == [message]
    assert_nothing_stored(settings)


def test_an_oversize_file_is_refused_and_nothing_is_stored(client, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    world = loyola_full()
    client.force_login(world.enrollment.learner)
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"%" * 8192)

    response = client.post(upload_url(world), {"file": big})

    assert response.status_code == 400
    assert response.context["artifact_form"].errors["file"] == [
        FILE_TOO_LARGE % {"name": "big.pdf", "size": "8.0\xa0KB", "limit": "4.0\xa0KB"}
    ]
    assert_nothing_stored(settings)


def test_a_path_in_the_posted_name_is_dropped_and_the_file_stays_in_media(
    client, settings, tmp_path
):
    """Django's multipart parser keeps only the last part of the name; the file
    is stored under a random name inside MEDIA_ROOT whatever the name said."""
    world = loyola_full()
    client.force_login(world.enrollment.learner)
    name = "../../../etc/cron.d/evil.pdf"

    response = client.post(
        upload_url(world), {"file": SimpleUploadedFile(name, PDF_BYTES)}
    )

    artifact = Artifact.objects.get()
    stored = stored_files(settings)
    assert response.status_code == 302
    assert artifact.file_name == "evil.pdf"
    assert len(stored) == 1
    assert stored[0].is_relative_to(settings.MEDIA_ROOT)
    assert "evil" not in stored[0].name
    assert not (tmp_path / "etc").exists()


@pytest.mark.parametrize("name", ["..\\..\\windows\\evil.pdf", "evil\x00.pdf"])
def test_a_name_with_folders_or_control_bytes_is_refused_by_the_service(settings, name):
    world = loyola_full()

    with pytest.raises(ReviewsRefused) as refused:
        artifact_add(
            enrollment=world.enrollment,
            requirement=world.requirement,
            upload=SimpleUploadedFile(name, PDF_BYTES),
        )

    assert refused.value.message == FILE_NAME_NOT_ALLOWED % {"name": name}
    assert_nothing_stored(settings)
