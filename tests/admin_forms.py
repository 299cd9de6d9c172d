"""Django admin change forms as their pages fill them, to post back with changes."""

from django.forms import MultiWidget


def _fields(form, data: dict) -> None:
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{key}_{index}"] = "" if part is None else str(part)
        elif value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(field.prepare_value(value))


def admin_change_data(client, url: str, **changes) -> dict:
    """The form's values (the instance's, as the page renders them) and each
    inline's management form and rows, with ``changes`` applied."""
    response = client.get(url)
    assert response.status_code == 200, url
    data: dict = {}
    _fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update(
            {f"{management.prefix}-{k}": v for k, v in management.initial.items()}
        )
        for row in formset.forms:
            _fields(row, data)
    data.update(changes)
    return data


def change_form_data(response) -> dict:
    """The change form's current values, as the browser would post them back."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value
    return data


def form_errors(response) -> list[str]:
    """Every error the admin page shows: the form's, and each inline row's."""
    messages = []
    for errors in response.context["errors"]:  # a row's list, or a formset's error
        messages += [errors] if isinstance(errors, str) else [str(e) for e in errors]
    return messages
