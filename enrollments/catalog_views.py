"""The public catalogue's pages, composed one layer above the catalogue.

``programs`` knows the programmes and units, and no learner; whether an offering
can be enrolled in today, and whether the learner already holds a unit, are
enrollments' rules, so the pages that show them live here.
"""

from django.shortcuts import render

from core import clock
from programs import selectors

from .selectors.holdings import unit_holding
from .selectors.windows import units_mark_listed_offerings


def home(request):
    programs = selectors.program_list()
    return render(request, "home.html", {"programs": programs})


def catalog(request):
    today = clock.today()
    programs = list(selectors.program_list(today=today))
    units = [unit for program in programs for unit in program.units.all()]
    units_mark_listed_offerings(units=units)
    return render(request, "programs/catalog.html", {"programs": programs})


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
