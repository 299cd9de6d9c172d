from django.shortcuts import render

from . import selectors


def home(request):
    return render(request, "home.html", {"programs": selectors.program_list()})


def catalog(request):
    return render(
        request, "programs/catalog.html", {"programs": selectors.program_list()}
    )


def program_detail(request, slug):
    program = selectors.program_get(slug=slug)
    return render(request, "programs/program_detail.html", {"program": program})


def unit_detail(request, slug):
    unit = selectors.unit_get(slug=slug)
    return render(request, "programs/unit_detail.html", {"unit": unit})
