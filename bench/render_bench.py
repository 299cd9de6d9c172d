"""Warm render time and size of award PDFs, as the Celery worker renders them.

Usage: .venv/bin/python bench/render_bench.py [--count 50] [--write]

No database: the awards are unsaved rows with a realistic snapshot. ``--write``
replaces the results section of bench/README.md.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credentials_portal.settings")

import django  # noqa: E402

django.setup()

SNAPSHOT = {
    "name": "Lucía Learner-Ortega",
    "credential": "Certificate in Media and Technology for Education",
    "credential_short": "CMTE",
    "credential_type": "program",
    "kind": "certificate",
    "credential_kind": "Certificate program",
    "issuer": "Harvard Graduate School of Education, Professional Education",
    "issuer_short": "HGSE",
    "issuer_website": "https://www.gse.harvard.edu/professional-education",
    "delivery_partner": "",
    "signatory_name": "Professional Education",
    "signatory_title": "Harvard Graduate School of Education",
    "earned_on": "2026-11-23",
    "weeks": None,
    "estimated_hours": None,
    "clock_hours": 60,
    "cpd_credits": "1.0",
    "track": "non_credit",
    "offering": "Fall 2026",
    "results": {
        "units": [
            "Developing Strategies for Online Teaching and Learning",
            "Online Teaching and Learning in Action",
            "The Online Classroom: Strategies for Higher Ed Teaching and Learning",
        ],
        "scores": [],
    },
    "documents": [],
    "template_version": 1,
}
OUTPUTS = {
    "certificate (landscape)": {"kind": "certificate", "title": "Certificate"},
    "clock-hour letter": {"kind": "clock_hour_letter", "title": "Letter"},
    "CPD form": {"kind": "cpd_form", "title": "MSDE CPD Completion for Credit Form"},
    "badge": {"kind": "badge", "title": "Stacked Micro-credential Badge"},
}
START, END = "<!-- results:start -->", "<!-- results:end -->"


def measure(count: int) -> tuple[list[str], float]:
    from certificates.models import Award
    from certificates.models.awards import verification_code_new

    started = time.perf_counter()
    from certificates import rendering

    import_ms = (time.perf_counter() - started) * 1000
    rows = []
    for label, output in OUTPUTS.items():
        times, sizes = [], []
        for _ in range(count + 1):
            award = Award(snapshot=SNAPSHOT, verification_code=verification_code_new())
            started = time.perf_counter()
            pdf = rendering.render_document(award=award, output=output)
            times.append((time.perf_counter() - started) * 1000)
            sizes.append(len(pdf))
        first, warm = times[0], sorted(times[1:])
        rows.append(
            f"| {label} | {first:.0f} | {statistics.median(warm):.0f} | "
            f"{warm[int(0.95 * (len(warm) - 1))]:.0f} | "
            f"{statistics.mean(sizes) / 1024:.1f} |"
        )
    return rows, import_ms


def report(count: int) -> str:
    rows, import_ms = measure(count)
    import weasyprint

    return "\n".join(
        [
            f"{count} warm renders per document after one first render; "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"WeasyPrint {weasyprint.__version__}, {os.cpu_count()} CPUs at load "
            f"average {os.getloadavg()[0]:.1f}; importing the renderer "
            f"(WeasyPrint) took {import_ms:.0f} ms.",
            "",
            "| document | first render (ms) | warm median (ms) | warm p95 (ms) "
            "| size (KiB) |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    text = report(args.count)
    sys.stdout.write(text + "\n")
    if args.write:
        readme = Path(__file__).with_name("README.md")
        before, rest = readme.read_text().split(START)
        after = rest.split(END)[1]
        readme.write_text(f"{before}{START}\n{text}\n{END}{after}")


if __name__ == "__main__":
    main()
