"""Uploads are checked by content, name and size (pure rules, no database)."""

import io
import zipfile

import pytest

from reviews.containers import ContainerLimits
from reviews.uploads import (
    FILE_CONTENT_MISMATCH,
    FILE_EMPTY,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
    UploadRefused,
    upload_check,
)
from tests.reviews.scenarios import PDF_BYTES, PNG_BYTES, docx_bytes

LIMIT = 1024 * 1024
ARCHIVE_LIMITS = ContainerLimits(
    max_unpacked_bytes=200 * 1024 * 1024, max_ratio=100, max_members=2000
)


def check(name: str, data: bytes, limit: int = LIMIT):
    return upload_check(
        name=name,
        size=len(data),
        read=lambda: data,
        max_bytes=limit,
        container_limits=ARCHIVE_LIMITS,
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("plan.pdf", PDF_BYTES, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        (
            "unit.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_accepted_files_report_their_detected_type(name, data, content_type):
    assert check(name, data).content_type == content_type


def test_a_pdf_name_with_other_content_is_refused():
    with pytest.raises(UploadRefused) as refused:
        check("report.pdf", b"#!/bin/sh\necho not a pdf\n")
    assert refused.value.message == FILE_CONTENT_MISMATCH % {
        "name": "report.pdf",
        "ext": "pdf",
    }


def test_a_zip_renamed_to_docx_without_word_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(UploadRefused) as refused:
        check("essay.docx", buffer.getvalue())
    assert refused.value.message == FILE_CONTENT_MISMATCH % {
        "name": "essay.docx",
        "ext": "docx",
    }


def test_a_png_named_pdf_is_refused():
    with pytest.raises(UploadRefused):
        check("scan.pdf", PNG_BYTES)


def test_an_extension_outside_the_list_is_refused_even_with_pdf_content():
    with pytest.raises(UploadRefused) as refused:
        check("macro.exe", PDF_BYTES)
    assert refused.value.message == FILE_TYPE_NOT_ALLOWED % {"name": "macro.exe"}


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    def never_read():
        raise AssertionError("an oversized file must not be read")

    with pytest.raises(UploadRefused) as refused:
        upload_check(
            name="big.pdf",
            size=2049,
            read=never_read,
            max_bytes=2048,
            container_limits=ARCHIVE_LIMITS,
        )
    assert refused.value.message == FILE_TOO_LARGE % {
        "name": "big.pdf",
        "size": "2.0\xa0KB",
        "limit": "2.0\xa0KB",
    }


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused) as refused:
        check("empty.pdf", b"")
    assert refused.value.message == FILE_EMPTY % {"name": "empty.pdf"}
