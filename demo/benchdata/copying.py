"""Writing many rows fast: explicit ids and PostgreSQL's COPY, through the models'
own table and column names. Each row is a named tuple whose fields are the model's
field names, so no column is ever taken by its position."""

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Model


class IdRange:
    """The next free primary keys of a table (the database is the generator's own
    while it runs; the sequence is moved past them after the copy)."""

    def __init__(self, model: type[Model]):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608
            self.next = cursor.fetchone()[0] + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def columns_of(model: type[Model], fields: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in fields]


def copy_rows(
    model: type[Model], row_type: type[NamedTuple], rows: Iterable[Any]
) -> int:
    """COPY ``rows`` (instances of ``row_type``, a named tuple of the model's field
    names; dicts are written as JSON) into the model's table, then move its id
    sequence past them. Returns the count."""
    fields = row_type._fields
    table = model._meta.db_table
    columns = ", ".join(f'"{c}"' for c in columns_of(model, fields))
    count = 0
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                if not isinstance(row, row_type):
                    raise TypeError(f"{row!r} is not a {row_type.__name__}")
                copy.write_row(
                    [json.dumps(v) if isinstance(v, dict | list) else v for v in row]
                )
                count += 1
        if "id" in fields:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                f'GREATEST((SELECT MAX(id) FROM "{table}"), 1))'
            )
    return count


def analyze() -> None:
    """Fresh planner statistics for every table, as autovacuum would gather after
    a bulk load (without them PostgreSQL misplans the review queue)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
