"""The public catalogue.

Whether an offering can be enrolled in today is enrollments' rule: these pages
ask its selectors (the catalogue already links to enrollments' pages) rather
than keep a copy of the window rule here.
"""

from django.shortcuts import render

from core import clock
from enrollments.selectors.holdings import unit_holding
from enrollments.selectors.windows import units_mark_listed_offerings

from . import selectors


def home(request):
    programs = selectors.program_list()
    return render(request, "home.html", {"programs": programs})


def catalog(request):
    today = clock.today()
    programs = list(selectors.program_list(today=today))
    units = [unit for program in programs for unit in program.units.all()]
    units_mark_listed_offerings(units=units, today=today)
    return render(request, "programs/catalog.html", {"programs": programs})


def program_detail(request, slug):
    program = selectors.program_get(slug=slug)
    return render(request, "programs/program_detail.html", {"program": program})


def unit_detail(request, slug):
    unit = selectors.unit_get(slug=slug)
    units_mark_listed_offerings(units=[unit], today=clock.today())
    holding = unit_holding(learner=request.user, unit=unit)
    return render(
        request, "programs/unit_detail.html", {"unit": unit, "holding": holding}
    )
