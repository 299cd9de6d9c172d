"""Office documents are ZIP archives: bombs and nested archives are refused.

The bombs are built cheaply: a member of zeros compresses about a thousand to
one, and a 4 GiB member is only declared (its central-directory size is written
by hand), never created.
"""

import io
import struct
import zipfile

import pytest

from reviews.containers import (
    ARCHIVE_NESTED,
    ARCHIVE_TOO_COMPRESSED,
    ARCHIVE_TOO_LARGE_UNPACKED,
    ARCHIVE_TOO_MANY_PARTS,
    ContainerLimits,
    ContainerRefused,
    container_check,
)
from tests.reviews.scenarios import PDF_BYTES

LIMITS = ContainerLimits(
    max_unpacked_bytes=200 * 1024 * 1024, max_ratio=100, max_members=2000
)
CENTRAL_HEADER = b"PK\x01\x02"
FOUR_GIB_LESS_ONE = 0xFFFF_FFFE


def office(extra: dict[str, bytes] | None = None, *, prefix: str = "word/") -> bytes:
    """A minimal Office Open XML document, compressed, plus ``extra`` members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{prefix}document.xml", "<document>Lesson plan</document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size ``member`` declares in the central directory."""
    at = data.index(CENTRAL_HEADER)
    while True:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length].decode() == member:
            return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]
        at = data.index(CENTRAL_HEADER, at + 4)


def refusal(name: str, data: bytes, limits: ContainerLimits = LIMITS) -> str:
    with pytest.raises(ContainerRefused) as refused:
        container_check(name=name, data=data, limits=limits)
    return refused.value.message


def test_a_plain_office_document_passes():
    container_check(name="plan.docx", data=office(), limits=LIMITS)


def test_a_docx_declaring_a_4_gib_document_part_is_refused_without_unpacking():
    bomb = declare_size(office(), "word/document.xml", FOUR_GIB_LESS_ONE)

    assert refusal("bomb.docx", bomb) == ARCHIVE_TOO_LARGE_UNPACKED % {
        "name": "bomb.docx",
        "size": "4.0\xa0GB",
        "limit": "200.0\xa0MB",
    }


def test_a_docx_of_zeros_compressed_a_thousand_to_one_is_refused():
    bomb = office({"word/media/filler.xml": bytes(8 * 1024 * 1024)})

    assert refusal("bomb.docx", bomb) == ARCHIVE_TOO_COMPRESSED % {
        "name": "bomb.docx",
        "ratio": 100,
    }


def test_a_document_with_more_parts_than_the_limit_is_refused():
    parts = {f"word/part{n}.xml": b"<p/>" for n in range(11)}
    limits = ContainerLimits(max_unpacked_bytes=10**9, max_ratio=100, max_members=13)

    assert refusal("many.docx", office(parts), limits) == ARCHIVE_TOO_MANY_PARTS % {
        "name": "many.docx",
        "count": 14,
        "limit": 13,
    }


@pytest.mark.parametrize(
    ("member", "data"),
    [
        ("word/media/payload.zip", b"anything"),
        ("word/media/image1.png", office()),
        ("word/media/notes.bin", b"Rar!\x1a\x07\x00rest"),
        ("word/media/notes.dat", b"\x1f\x8b\x08\x00rest"),
        ("word/media/tools.7z", PDF_BYTES),
    ],
)
def test_an_archive_inside_a_document_is_refused_by_name_or_content(member, data):
    assert refusal("nested.docx", office({member: data})) == ARCHIVE_NESTED % {
        "name": "nested.docx",
        "member": member,
    }


def test_a_chart_workbook_embedded_in_a_document_is_accepted():
    workbook = office(prefix="xl/")
    document = office({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook})

    container_check(name="chart.docx", data=document, limits=LIMITS)


def test_an_archive_inside_an_embedded_workbook_is_refused():
    workbook = office({"xl/media/inner.xlsx": office(prefix="xl/")}, prefix="xl/")
    document = office({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook})

    assert refusal("deep.docx", document) == ARCHIVE_NESTED % {
        "name": "deep.docx",
        "member": "xl/media/inner.xlsx",
    }
