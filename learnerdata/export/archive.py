"""Writing the sections into one ZIP file, with README.txt as its index."""

import datetime as dt
import zipfile
from collections.abc import Callable, Sequence
from typing import IO

from core.dates import format_date

from .items import Section

README = "README.txt"


def readme_text(
    *, sections: Sequence[Section], learner_name: str, site: str, day: dt.date
) -> str:
    """The index: every file of the archive under its section, with what it is."""
    lines = [
        f"Everything {site} holds about {learner_name}",
        f"Prepared on {format_date(day)}.",
        "",
        "JSON files hold the records; PDF files are the documents as issued.",
    ]
    for section in sections:
        lines += ["", section.title, "=" * len(section.title)]
        if section.note:
            lines.append(section.note)
        if not section.items:
            lines.append("(nothing)")
        lines += [f"- {item.path}: {item.about}" for item in section.items]
    return "\n".join(lines) + "\n"


def archive_write(
    target: IO[bytes],
    *,
    sections: Sequence[Section],
    readme: str,
    progress: Callable[[int], None],
) -> int:
    """Write README.txt and every item into ``target``; ``progress(done)`` after
    each item. Returns the number of items written."""
    done = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(README, readme)
        for section in sections:
            for item in section.items:
                archive.writestr(item.path, item.read())
                done += 1
                progress(done)
    return done
