"""Where the held-up bulk job of ``slow_bulk`` leaves its process id (a module of
its own: importing ``slow_bulk`` would hold up the test process's jobs too)."""

from pathlib import Path


def bulk_pid_file(media_root: Path) -> Path:
    return Path(media_root).parent / "bulk.pid"
