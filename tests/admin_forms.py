"""Posting the Django admin's change forms back as a browser would."""


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
