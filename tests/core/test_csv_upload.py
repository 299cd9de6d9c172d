"""One CSV decoder for every upload: a size cap, UTF-8 with or without a BOM."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.csv_upload import MAX_CSV_BYTES, csv_upload_text


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("rows.csv", content, content_type="text/csv")


def test_byte_order_mark_is_dropped():
    text = csv_upload_text(upload("\ufeffname,email\nZoë,zoe@example.org\n".encode()))
    assert text == "name,email\nZoë,zoe@example.org\n"


def test_plain_utf8_is_read_as_it_is():
    assert csv_upload_text(upload("name\nJosé\n".encode())) == "name\nJosé\n"


def test_latin1_file_is_refused_with_the_line_to_fix():
    content = "name,email\nAda,ada@example.org\nJosé,jose@example.org\n"
    with pytest.raises(ValidationError) as refused:
        csv_upload_text(upload(content.encode("latin-1")))
    assert refused.value.messages == [
        "Line 3 of the file is not UTF-8 text: save it as “CSV UTF-8” and "
        "upload it again."
    ]


def test_file_over_the_cap_is_refused():
    with pytest.raises(ValidationError) as refused:
        csv_upload_text(upload(b"x" * (MAX_CSV_BYTES + 1)))
    assert refused.value.messages == [
        "The file is larger than 1 MB: split it and upload each part."
    ]


def test_file_at_the_cap_is_read():
    assert len(csv_upload_text(upload(b"x" * MAX_CSV_BYTES))) == MAX_CSV_BYTES
