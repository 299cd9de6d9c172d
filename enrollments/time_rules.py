"""Pure enrollment rules: is this offering open to this learner today?

No database access and no clock: the caller passes plain values and ``today``.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.dates import format_date

from . import messages


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
    if state == WindowState.NOT_OPEN_YET and window.enrollment_opens:
        return messages.NOT_OPEN_YET % {
            **params,
            "date": format_date(window.enrollment_opens),
        }
    if state == WindowState.CLOSED and window.enrollment_closes:
        return messages.CLOSED % {
            **params,
            "date": format_date(window.enrollment_closes),
        }
    if state == WindowState.ENDED:
        return messages.ENDED % params
    if state == WindowState.FULL:
        return messages.FULL % {**params, "capacity": window.capacity}
    return None


# When attendance may be recorded in an offering's run. (When work may be
# submitted is reviews' rule, when an award may be earned certificates'.)


def attendance_window(
    *, session_day: dt.date, grace_days: int
) -> tuple[dt.date, dt.date]:
    """(first, last) day on which attendance at a session may be recorded.

    From the session's day until ``grace_days`` after it: a register is often filled
    in the day after. A check-in code, made for the people in the room, passes
    ``grace_days=0``: the session's day only.
    """
    return session_day, session_day + dt.timedelta(days=grace_days)
