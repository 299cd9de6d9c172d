"""Give every award issued before revocation lists existed its bit, oldest
first, in its provider's list; the lists are marked for signing (the status list
sweep, or the first request for a list, signs them)."""

from django.db import migrations

LIST_SIZE = 131_072


def entries_give(apps, schema_editor):
    Award = apps.get_model("certificates", "Award")
    StatusList = apps.get_model("certificates", "StatusList")
    StatusListEntry = apps.get_model("certificates", "StatusListEntry")
    awards = (
        Award.objects.filter(issued_at__isnull=False, status_entry__isnull=True)
        .select_related("unit", "program")
        .order_by("issued_at", "id")
    )
    lists = {}
    for award in awards.iterator():
        provider_id = (award.unit or award.program).provider_id
        status_list = lists.get(provider_id)
        if status_list is None or status_list.next_index >= LIST_SIZE:
            last = (
                StatusList.objects.filter(provider_id=provider_id)
                .order_by("-number")
                .first()
            )
            if last is None or last.next_index >= LIST_SIZE:
                last = StatusList.objects.create(
                    provider_id=provider_id,
                    number=last.number + 1 if last else 1,
                    needs_signing=True,
                )
            status_list = lists[provider_id] = last
        StatusListEntry.objects.create(
            status_list=status_list, index=status_list.next_index, award=award
        )
        status_list.next_index += 1
        status_list.needs_signing = True
        status_list.save(update_fields=["next_index", "needs_signing"])


class Migration(migrations.Migration):
    dependencies = [('certificates', '0012_status_lists')]

    operations = [migrations.RunPython(entries_give, migrations.RunPython.noop)]
