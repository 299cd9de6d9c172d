"""What every benchmark script shares: the machine line, percentiles, writing a
section of docs/benchmarks.md between its markers, and its figures as a JSON
fragment (for ``bench/assemble.py``, which writes docs/benchmarks.json)."""

import datetime as dt
import json
import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"


def django_setup(**env: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credentials_portal.settings")
    for key, value in env.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0-100)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpus = os.cpu_count()
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs{memory}, load average "
        f"{load}; CPython {platform.python_version()}"
    )


def stamp(command: str) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"Run {now} on {machine()}.\nCommand: `{command}`\n"


def section_write(name: str, body: str) -> None:
    """Replace the text between ``<!-- name:start -->`` and ``<!-- name:end -->``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = DOC.read_text()
    if start not in text or end not in text:
        raise SystemExit(f"{DOC} has no {start} ... {end} section.")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    DOC.write_text(f"{head}{start}\n{body.strip()}\n{end}{tail}")


def fragment_write(name: str, figures: dict) -> None:
    """Write a script's figures to ``$BENCH_FRAGMENTS/<name>.json`` when
    ``BENCH_FRAGMENTS`` names a directory (``run_all.sh`` sets it)."""
    directory = os.environ.get("BENCH_FRAGMENTS")
    if not directory:
        return
    figures = {**figures, "load_average": list(os.getloadavg())}
    (Path(directory) / f"{name}.json").write_text(json.dumps(figures, indent=2) + "\n")


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.1f}x" if floor else "-"
