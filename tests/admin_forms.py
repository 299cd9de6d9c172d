"""A Django admin change form as its page fills it, to post back with changes."""

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
