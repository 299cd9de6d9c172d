"""What a learner may upload: checked by content (magic bytes), name and size.

It reads the bytes the caller passes and never touches storage. The
extension and the detected content must agree, so ``report.pdf`` that holds a
ZIP archive or a script is refused.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal

from .containers import (
    CONTAINER_EXTENSIONS,
    ContainerLimits,
    ContainerRefused,
    container_check,
)

FILE_EMPTY = _("%(name)s is empty.")
FILE_NAME_NOT_ALLOWED = _(
    "“%(name)s” is not a file name the portal accepts: name the file without "
    "folders (/ or \\) or control characters and upload it again."
)
FILE_TOO_LARGE = _("%(name)s is %(size)s; a file can be at most %(limit)s.")
FILE_TYPE_NOT_ALLOWED = _(
    "%(name)s is not a file type the portal accepts. Upload a PDF, an office "
    "document (Word, Excel, PowerPoint, OpenDocument), an image (JPEG, PNG, GIF, "
    "WebP) or a short video (MP4, WebM, MOV)."
)
FILE_CONTENT_MISMATCH = _(
    "%(name)s does not contain what its name says: its content is not a .%(ext)s file."
)

# Allowed extension -> the filetype extension its content must be detected as.
ALLOWED = {
    "pdf": "pdf",
    "doc": "doc",
    "docx": "docx",
    "xls": "xls",
    "xlsx": "xlsx",
    "ppt": "ppt",
    "pptx": "pptx",
    "odt": "odt",
    "ods": "ods",
    "odp": "odp",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
    "gif": "gif",
    "webp": "webp",
    "mp4": "mp4",
    "m4v": "m4v",
    "webm": "webm",
    "mov": "mov",
}
# Office Open XML files are ZIP archives; the part that names each kind.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
HEAD_BYTES = 8192


class UploadRefused(Refusal):
    """Upload refused; ``message`` says why."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _plain_name(name: str) -> bool:
    """A bare file name: no folder part to climb with (``../``), no control byte.

    Browsers' uploads arrive bare (Django's multipart parser keeps the last part);
    this guards every other caller of the upload services.
    """
    return (
        bool(name)
        and "/" not in name
        and "\\" not in name
        and name not in (".", "..")
        and name.isprintable()
    )


def _ooxml_kind(data: bytes, extension: str) -> str | None:
    """Confirm a ZIP is the Office document its extension claims by its parts."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return None
    has_types = "[Content_Types].xml" in names
    prefix = OOXML_PARTS[extension]
    return extension if has_types and any(n.startswith(prefix) for n in names) else None


def _detected_kind(data: bytes, extension: str) -> tuple[str | None, str]:
    kind = filetype.guess(data[:HEAD_BYTES])
    if kind is None:
        return None, ""
    if kind.extension == "zip" and extension in OOXML_PARTS:
        # Some writers put the identifying part after the first bytes filetype reads.
        detected = _ooxml_kind(data, extension)
        mime = filetype.get_type(ext=extension).mime if detected else ""
        return detected, mime
    return kind.extension, kind.mime


def upload_check(
    *,
    name: str,
    size: int,
    read: Callable[[], bytes],
    max_bytes: int,
    container_limits: ContainerLimits,
) -> CheckedFile:
    """The checked file, or ``UploadRefused`` with a message naming the file.

    ``read`` is called only once the size is known to be within the limit; it
    returns the whole file, since the ZIP check of Office documents reads the
    archive's directory at its end. An office document must also be a sane
    archive (``containers``): no bomb, no archive inside.
    """
    params = {"name": name}
    if not _plain_name(name):
        raise UploadRefused(FILE_NAME_NOT_ALLOWED % params)
    if size == 0:
        raise UploadRefused(FILE_EMPTY % params)
    if size > max_bytes:
        raise UploadRefused(
            FILE_TOO_LARGE
            % {
                **params,
                "size": filesizeformat(size),
                "limit": filesizeformat(max_bytes),
            }
        )
    extension = _extension(name)
    if extension not in ALLOWED:
        raise UploadRefused(FILE_TYPE_NOT_ALLOWED % params)
    data = read()
    detected, mime = _detected_kind(data, extension)
    if detected != ALLOWED[extension]:
        raise UploadRefused(FILE_CONTENT_MISMATCH % {**params, "ext": extension})
    if extension in CONTAINER_EXTENSIONS:
        try:
            container_check(name=name, data=data, limits=container_limits)
        except ContainerRefused as error:
            raise UploadRefused(error.message) from error
    return CheckedFile(name=name, extension=extension, content_type=mime, size=size)


def uploaded_file_check(upload: UploadedFile) -> CheckedFile:
    """A browser's upload checked against the portal's configured limits
    (``UPLOAD_MAX_BYTES``, ``UPLOAD_ARCHIVE_*``): the one rule every upload of
    the portal obeys, an artifact's or a ledger's evidence."""

    def read() -> bytes:
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        return data

    return upload_check(
        name=upload.name or "",
        size=upload.size or 0,
        read=read,
        max_bytes=settings.UPLOAD_MAX_BYTES,
        container_limits=ContainerLimits(
            max_unpacked_bytes=settings.UPLOAD_ARCHIVE_MAX_UNPACKED_BYTES,
            max_ratio=settings.UPLOAD_ARCHIVE_MAX_RATIO,
            max_members=settings.UPLOAD_ARCHIVE_MAX_MEMBERS,
        ),
    )
