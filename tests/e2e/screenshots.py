"""The README's pictures: a browser test saves a page when ``PORTAL_SCREENSHOTS``
names a folder (``PORTAL_SCREENSHOTS=docs/screenshots`` refreshes them); a plain
run writes nothing into the checkout."""

import os
from pathlib import Path


def screenshot(page, name: str) -> None:
    folder = os.environ.get("PORTAL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)
