"""Where the held-up render of ``slow_render`` leaves its process id."""

from pathlib import Path


def rendering_pid_file(media_root: Path) -> Path:
    return Path(media_root).parent / "rendering.pid"
