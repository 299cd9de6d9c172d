"""Award documents rendered to PDF with WeasyPrint. Imported by the worker only.

Each output kind has an HTML layout (a landscape certificate, a letter-format
letter or form, a square badge) under ``certificates/pdf/v<template version>/``;
the context comes from the award's frozen snapshot, never from live rows.

What does not depend on the award is prepared once per worker process and kept:
the font configuration (Fontconfig's font list and Pango's font map) and each
layout's stylesheet (``<layout>.css`` after ``base.css``), parsed once into a
``weasyprint.CSS``. Neither holds anything of an award: a render reads them only.
"""

import datetime as dt
from decimal import Decimal
from functools import cache

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import ngettext
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .models import Award
from .pdf_fetcher import PortalURLFetcher, pdf_asset_roots

LAYOUTS = {
    "certificate": "certificate",
    "ceu_certificate": "certificate",
    "clock_hour_letter": "letter",
    "cpd_form": "cpd_form",
    "badge": "badge",
}


def qr_data_uri(url: str) -> str:
    """A PNG QR code as a data URI (PNG renders faster than SVG in WeasyPrint).

    ``micro=False``: a URL never fits a Micro QR code, so segno need not try one.
    """
    return segno.make(url, error="m", micro=False).png_data_uri(
        scale=6, border=0, dark="#14263d"
    )


def details(snapshot: dict) -> list[str]:
    """The short facts printed under the credential: run, length, hours, credits."""
    parts = [snapshot.get("offering") or ""]
    if snapshot.get("weeks"):
        weeks = snapshot["weeks"]
        parts.append(ngettext("%(n)s week", "%(n)s weeks", weeks) % {"n": weeks})
    # ngettext counts integers: anything but exactly one (1.5 credits) is plural.
    if hours := snapshot.get("estimated_hours"):
        one = 1 if hours == 1 else 2
        parts.append(
            ngettext("about %(n)s hour", "about %(n)s hours", one) % {"n": hours}
        )
    if hours := snapshot.get("clock_hours"):
        one = 1 if hours == 1 else 2
        parts.append(
            ngettext("%(n)s clock hour", "%(n)s clock hours", one) % {"n": hours}
        )
    if credits := snapshot.get("cpd_credits"):
        one = 1 if Decimal(str(credits)) == 1 else 2
        parts.append(
            ngettext("%(n)s MSDE CPD credit", "%(n)s MSDE CPD credits", one)
            % {"n": credits}
        )
    if ceus := snapshot.get("ceus"):
        one = 1 if Decimal(str(ceus)) == 1 else 2
        parts.append(ngettext("%(n)s CEU", "%(n)s CEUs", one) % {"n": ceus})
    return [part for part in parts if part]


def _layout_path(*, award: Award, output: dict) -> str:
    """``certificates/pdf/v<version>/<layout>`` without the extension."""
    return "certificates/pdf/v{version}/{layout}".format(
        version=award.snapshot.get("template_version", 1),
        layout=LAYOUTS[output["kind"]],
    )


def document_html(*, award: Award, output: dict) -> str:
    snapshot = award.snapshot
    template = f"{_layout_path(award=award, output=output)}.html"
    context = {
        "s": snapshot,
        "document": output,
        "earned_on": dt.date.fromisoformat(snapshot["earned_on"]),
        "expires_on": (
            dt.date.fromisoformat(snapshot["expires_on"])
            if snapshot.get("expires_on")
            else None
        ),
        # A renewal states when the credential was first earned.
        "first_earned_on": (
            dt.date.fromisoformat(snapshot["first_earned_on"])
            if snapshot.get("first_earned_on")
            else None
        ),
        "details": details(snapshot),
        "code": award.verification_code,
        "verification_url": award.verification_url,
        "qr": qr_data_uri(award.verification_url),
    }
    return render_to_string(template, context)


@cache
def font_configuration() -> FontConfiguration:
    """The worker process's one font configuration, shared by every render (the
    layouts declare no ``@font-face``, so it only ever holds the system fonts)."""
    return FontConfiguration()


def _fetcher() -> PortalURLFetcher:
    return PortalURLFetcher(roots=pdf_asset_roots())


@cache
def layout_stylesheet(layout_path: str) -> CSS:
    """The layout's stylesheet (``base.css`` of its version, then its own), parsed
    once per process."""
    folder = layout_path.rsplit("/", 1)[0]
    text = render_to_string(f"{folder}/base.css") + render_to_string(
        f"{layout_path}.css"
    )
    return CSS(
        string=text,
        base_url=str(settings.BASE_DIR),
        url_fetcher=_fetcher(),
        font_config=font_configuration(),
    )


def render_pdf(html: str, *, stylesheet: CSS | None = None) -> bytes:
    """The PDF of ``html`` (styled by its own ``<style>`` and ``stylesheet``); it
    may load data: URLs and static files, nothing else."""
    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetcher()
    ).write_pdf(
        stylesheets=[stylesheet] if stylesheet else None,
        font_config=font_configuration(),
    )


def render_document(*, award: Award, output: dict) -> bytes:
    return render_pdf(
        document_html(award=award, output=output),
        stylesheet=layout_stylesheet(_layout_path(award=award, output=output)),
    )
