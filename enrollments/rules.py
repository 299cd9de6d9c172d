"""Pure enrollment rules: is this offering open to this learner today?

No database access and no clock: the caller passes plain values and ``today``.
"""

import datetime as dt
from dataclasses import dataclass

from credentials_portal.dates import format_date

from . import errors


@dataclass(frozen=True)
class OfferingWindow:
    name: str
    start_date: dt.date | None
    end_date: dt.date | None
    enrollment_opens: dt.date | None
    enrollment_closes: dt.date | None
    capacity: int | None


def window_refusal(window: OfferingWindow, *, today: dt.date, taken: int) -> str | None:
    """The message that refuses enrollment in this window today, or None."""
    params = {"offering": window.name}
    if window.enrollment_opens and today < window.enrollment_opens:
        return errors.NOT_OPEN_YET % {
            **params,
            "date": format_date(window.enrollment_opens),
        }
    if window.enrollment_closes and today > window.enrollment_closes:
        return errors.CLOSED % {
            **params,
            "date": format_date(window.enrollment_closes),
        }
    if window.end_date and today > window.end_date:
        return errors.ENDED % params
    if window.capacity is not None and taken >= window.capacity:
        return errors.FULL % {**params, "capacity": window.capacity}
    return None
