"""The public catalogue's pages, composed one layer above the catalogue.

``programs`` knows the programmes and units, and no learner; whether an offering
can be enrolled in today, and whether the learner already holds a unit, are
enrollments' rules, so the pages that show them live here.
"""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import clock, versioned
from programs import selectors
from programs.models.writes import CATALOGUE

from .models.enrollment import PLACES
from .selectors.holdings import unit_holding
from .selectors.windows import units_mark_listed_offerings


def home(request):
    programs = selectors.program_list()
    return render(request, "home.html", {"programs": programs})


def catalog(request):
    """The catalogue, rendered once for everyone while the catalogue, the places
    taken and every provider's day are unchanged (``core.versioned``): its
    "full" and "opens on" change with enrollments and with a provider's midnight.
    """
    now = clock.now()
    stamp = versioned.stamp(CATALOGUE, PLACES)
    zones = versioned.remember(stamp, "catalogue-zones", selectors.provider_zone_names)
    days = [
        clock.local_day(now),
        *(clock.local_day(now, clock.zone_named(z)) for z in zones),
    ]
    name = f"catalogue-page:{get_language()}:{','.join(map(str, days))}"
    html = versioned.remember(stamp, name, lambda: _programs_html(today=days[0]))
    # Our own template's output, escaped when it was rendered.
    context = {"programs_html": mark_safe(html)}  # noqa: S308
    return render(request, "programs/catalog.html", context)


def _programs_html(*, today) -> str:
    programs = list(selectors.program_list(today=today))
    units = [unit for program in programs for unit in program.units.all()]
    units_mark_listed_offerings(units=units)
    context = {"programs": programs}
    return render_to_string("programs/includes/catalog_programs.html", context)


def program_detail(request, slug):
    program = selectors.program_get(slug=slug)
    context = {
        "program": program,
        "unit_conditions": selectors.program_unit_conditions(program),
    }
    return render(request, "programs/program_detail.html", context)


def unit_detail(request, slug):
    unit = selectors.unit_get(slug=slug)
    units_mark_listed_offerings(units=[unit])
    holding = unit_holding(learner=request.user, unit=unit)
    return render(
        request, "programs/unit_detail.html", {"unit": unit, "holding": holding}
    )
