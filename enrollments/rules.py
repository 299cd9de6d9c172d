"""Pure enrollment rules: is this offering open to this learner today?

No database access and no clock: the caller passes plain values and ``today``.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

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


class WindowState(StrEnum):
    """Where an offering's enrollment window stands on a given day."""

    OPEN = "open"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    ENDED = "ended"
    FULL = "full"

    @property
    def is_past(self) -> bool:
        """Closed or ended: nothing left to act on, so not listed as upcoming."""
        return self in (WindowState.CLOSED, WindowState.ENDED)


def window_state(window: OfferingWindow, *, today: dt.date, taken: int) -> WindowState:
    """The state of this window today, ``taken`` places already held."""
    if window.enrollment_opens and today < window.enrollment_opens:
        return WindowState.NOT_OPEN_YET
    if window.enrollment_closes and today > window.enrollment_closes:
        return WindowState.CLOSED
    if window.end_date and today > window.end_date:
        return WindowState.ENDED
    if window.capacity is not None and taken >= window.capacity:
        return WindowState.FULL
    return WindowState.OPEN


def window_refusal(window: OfferingWindow, *, today: dt.date, taken: int) -> str | None:
    """The message that refuses enrollment in this window today, or None."""
    state = window_state(window, today=today, taken=taken)
    params = {"offering": window.name}
    if state == WindowState.NOT_OPEN_YET:
        return errors.NOT_OPEN_YET % {
            **params,
            "date": format_date(window.enrollment_opens),
        }
    if state == WindowState.CLOSED:
        return errors.CLOSED % {
            **params,
            "date": format_date(window.enrollment_closes),
        }
    if state == WindowState.ENDED:
        return errors.ENDED % params
    if state == WindowState.FULL:
        return errors.FULL % {**params, "capacity": window.capacity}
    return None
