"""docs/benchmarks.json from the JSON fragments the benchmark scripts wrote.

Usage: .venv/bin/python bench/assemble.py FRAGMENTS_DIR [--out docs/benchmarks.json]

Each script writes its figures to ``$BENCH_FRAGMENTS/<section>.json``
(``report.fragment_write``); ``run_all.sh`` points them all at one directory and
then runs this. A figure no fragment holds is ``null``, and named under
``"missing"``; each section keeps the load average it was measured at.
"""

import argparse
import datetime as dt
import json
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("dataset", "pages", "sweep", "met", "latency", "bulk")
BULK_COUNT = 1000


def _get(fragments: dict, section: str, key: str):
    return fragments.get(section, {}).get(key)


def assemble(fragments: dict, *, when: dt.datetime) -> dict:
    pages = (
        {
            name: {
                "p95_ms": page["p95_ms"],
                "floor_p95_ms": page["floor_p95_ms"],
                "queries": page["queries"],
                "p50_ms": page["p50_ms"],
                "floor_p50_ms": page["floor_p50_ms"],
                "queries_other_size": page["queries_other_size"],
            }
            for name, page in _get(fragments, "pages", "pages").items()
        }
        if "pages" in fragments
        else None
    )
    bulk_figures = fragments.get("bulk", {})
    figures = {
        "pages": pages,
        "reports_p95_ms": (pages or {}).get("admin reports", {}).get("p95_ms"),
        "render_p50_ms": _get(fragments, "latency", "render_p50_ms"),
        "bulk_1000_s": bulk_figures.get("bulk_s")
        if bulk_figures.get("certificates") == BULK_COUNT
        else None,
        "met_p95_ms": _get(fragments, "met", "met_p95_ms"),
        "met_sql_statements": _get(fragments, "met", "met_sql_statements"),
        "met_to_pdf_p95_ms": _get(fragments, "latency", "met_to_pdf_p95_ms"),
        "verify_rps": _get(fragments, "pages", "verify_rps"),
        "floor_rps": _get(fragments, "pages", "floor_rps"),
        "api_rps": _get(fragments, "pages", "api_rps"),
        "healthz_rps": _get(fragments, "pages", "healthz_rps"),
        "rps_connections": _get(fragments, "pages", "rps_connections"),
        "sweep_s": _get(fragments, "sweep", "sweep_s"),
    }
    return {
        "date": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
        **figures,
        "missing": sorted(name for name, value in figures.items() if value is None),
        "load_average": {
            section: fragments[section].get("load_average")
            for section in SECTIONS
            if section in fragments
        },
        "sections": {s: fragments[s] for s in SECTIONS if s in fragments},
    }


def fragments_read(directory: Path) -> dict:
    return {
        path.stem: json.loads(path.read_text())
        for path in sorted(directory.glob("*.json"))
        if path.stem in SECTIONS
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("fragments", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.json")
    args = parser.parse_args()
    document = assemble(fragments_read(args.fragments), when=dt.datetime.now(dt.UTC))
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    sys.stdout.write(
        f"{args.out}: missing {', '.join(document['missing']) or 'none'}\n"
    )


if __name__ == "__main__":
    main()
