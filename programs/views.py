from django.shortcuts import render
from django.utils import timezone

from . import selectors


def home(request):
    programs = selectors.program_list(today=timezone.localdate())
    return render(request, "home.html", {"programs": programs})


def catalog(request):
    programs = selectors.program_list(today=timezone.localdate())
    return render(request, "programs/catalog.html", {"programs": programs})


def program_detail(request, slug):
    program = selectors.program_get(slug=slug)
    return render(request, "programs/program_detail.html", {"program": program})


def unit_detail(request, slug):
    unit = selectors.unit_get(slug=slug)
    return render(request, "programs/unit_detail.html", {"unit": unit})
