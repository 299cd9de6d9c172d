"""Office and OpenDocument files are ZIP archives: refuse bombs and nested archives.

Pure, like ``uploads``: it reads the archive's central directory (the sizes each
member declares) and the first bytes of each member, and never extracts a member
to disk or memory in full. A ``.docx`` of 4 MB that declares a 4 GiB
``word/document.xml``, holds thousands of parts or carries another archive inside
it is refused before anything is stored.

Charts in Word and PowerPoint embed a workbook (``word/embeddings/*.xlsx``), itself a
ZIP: such an embedded office document is allowed one level deep and is checked
with the same limits; any other archive inside is refused.
"""

import io
import zipfile
import zlib
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal

ARCHIVE_TOO_LARGE_UNPACKED = _(
    "%(name)s would unpack to %(size)s; an office document can unpack to at most "
    "%(limit)s."
)
ARCHIVE_TOO_COMPRESSED = _(
    "%(name)s is compressed more than %(ratio)s to 1, which documents never are. "
    "Save it again from your office program and upload that copy."
)
ARCHIVE_TOO_MANY_PARTS = _(
    "%(name)s holds %(count)s parts; an office document can hold at most %(limit)s."
)
ARCHIVE_NESTED = _(
    "%(name)s contains another archive (%(member)s). Upload the document without "
    "archives inside it."
)
ARCHIVE_UNREADABLE = _("%(name)s is a damaged or encrypted archive.")

# The extensions whose files are ZIP containers.
CONTAINER_EXTENSIONS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
# Archives by name: refused wherever they sit in a container.
ARCHIVE_EXTENSIONS = frozenset(
    {"zip", "jar", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "cab", "zst", "lz"}
)
# Archives by their first bytes (a ZIP also starts an embedded office document).
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OTHER_ARCHIVE_MAGIC = (
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"MSCF",
    b"\x28\xb5\x2f\xfd",
)
MAGIC_BYTES = 8


@dataclass(frozen=True)
class ContainerLimits:
    """What one office document may declare; the settings give the values."""

    max_unpacked_bytes: int
    max_ratio: int
    max_members: int


class ContainerRefused(Refusal):
    """An office document refused as a container; ``message`` says why."""


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _magic(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The first bytes of a member: decompresses only what that needs."""
    if info.file_size == 0 or info.is_dir():
        return b""
    with archive.open(info) as member:
        return member.read(MAGIC_BYTES)


def _check_sizes(name: str, infos, packed_size: int, limits: ContainerLimits):
    params = {"name": name}
    if len(infos) > limits.max_members:
        raise ContainerRefused(
            ARCHIVE_TOO_MANY_PARTS
            % {**params, "count": len(infos), "limit": limits.max_members}
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise ContainerRefused(
            ARCHIVE_TOO_LARGE_UNPACKED
            % {
                **params,
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(limits.max_unpacked_bytes),
            }
        )
    if unpacked > limits.max_ratio * max(packed_size, 1):
        raise ContainerRefused(
            ARCHIVE_TOO_COMPRESSED % {**params, "ratio": limits.max_ratio}
        )


def _check_members(
    name: str, archive: zipfile.ZipFile, limits: ContainerLimits, *, nested: bool
):
    for info in archive.infolist():
        member_extension = _extension(info.filename)
        magic = _magic(archive, info)
        is_zip = magic.startswith(ZIP_MAGIC)
        if member_extension in ARCHIVE_EXTENSIONS or magic.startswith(
            OTHER_ARCHIVE_MAGIC
        ):
            raise ContainerRefused(
                ARCHIVE_NESTED % {"name": name, "member": info.filename}
            )
        if not is_zip:
            continue
        if nested or member_extension not in CONTAINER_EXTENSIONS:
            raise ContainerRefused(
                ARCHIVE_NESTED % {"name": name, "member": info.filename}
            )
        # An embedded office document: its size is within the limit checked above.
        with archive.open(info) as member:
            _check(name, member.read(), limits, nested=True)


def _check(name: str, data: bytes, limits: ContainerLimits, *, nested: bool):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(name, archive.infolist(), len(data), limits)
            _check_members(name, archive, limits, nested=nested)
    except (
        zipfile.BadZipFile,
        zlib.error,
        RuntimeError,
        NotImplementedError,
        EOFError,
    ) as e:
        raise ContainerRefused(ARCHIVE_UNREADABLE % {"name": name}) from e


def container_check(*, name: str, data: bytes, limits: ContainerLimits) -> None:
    """Return quietly if the office document ``data`` is a sane archive, else
    raise ``ContainerRefused`` with a message naming the file."""
    _check(name, data, limits, nested=False)
