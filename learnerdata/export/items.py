"""What a section of the archive is made of: files to write, each described."""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import slugify


@dataclass(frozen=True)
class ZipItem:
    """One file of the archive: its path, how to read it (late: the worker reads
    a file only when it writes it) and one line for README.txt."""

    path: str
    read: Callable[[], bytes]
    about: str


@dataclass
class Section:
    title: str
    items: list[ZipItem] = field(default_factory=list)
    # Said in README.txt under the title (what the section holds or leaves out).
    note: str = ""

    def add_json(self, path: str, data: object, about: str) -> None:
        self.add_bytes(path, json_bytes(data), about)

    def add_bytes(self, path: str, content: bytes, about: str) -> None:
        self.items.append(ZipItem(path=path, read=lambda: content, about=about))


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def json_bytes(data: object) -> bytes:
    return json.dumps(data, cls=_Encoder, indent=2, ensure_ascii=False).encode()


def safe_name(text: str, *, fallback: str = "file") -> str:
    """A file or folder name safe in any archive tool: the text's slug, with the
    extension of a file name kept."""
    stem, dot, extension = str(text).rpartition(".")
    if dot and stem and len(extension) <= 8 and extension.isalnum():
        return f"{slugify(stem)[:80] or fallback}.{extension.lower()}"
    return slugify(text)[:80] or fallback


def iso(moment: dt.date | dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
