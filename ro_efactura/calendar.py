"""Romanian working days and the deadline for sending an invoice to RO e-Factura.

Working days are Monday to Friday except the public holidays of the Labour Code (art. 139), as
the ``holidays`` package lists them for Romania: 1-2 January, 6-7 January (Epiphany and
St John, since 2024), 24 January, Orthodox Good Friday, Easter Sunday and Monday, 1 May, 1 June,
Orthodox Pentecost Sunday and Monday, 15 August, 30 November, 1 December, 25-26 December.
A holiday that falls on a weekend is not moved.

The e-Factura deadline: an invoice must reach the SPV by the 5th working day after its issue
date (BT-2), the rule in force since 1 January 2026. :func:`efactura_deadline` applies that rule
to any issue date; for invoices issued in 2024-2025 the law then in force counted calendar days,
which this module does not model.

Counting convention, used everywhere here: the start day never counts, the end day does.
Nothing here raises except on arguments of the wrong type.

>>> from datetime import date
>>> efactura_deadline(date(2026, 4, 8))  # Good Friday 10 April and Easter Monday 13 April
datetime.date(2026, 4, 17)
>>> [days_left(date(2026, 4, 8), today=date(2026, 4, d)) for d in (16, 17, 18, 21)]
[1, 0, -1, -2]
>>> is_working_day(date(2026, 12, 1)), is_working_day(date(2026, 12, 2))
(False, True)
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays

__all__ = [
    "EFACTURA_WORKING_DAYS",
    "add_working_days",
    "days_left",
    "efactura_deadline",
    "holidays_in",
    "is_working_day",
    "working_days_between",
]

#: Working days after the issue date within which the invoice must be sent.
EFACTURA_WORKING_DAYS = 5

_ONE_DAY = timedelta(days=1)


@functools.lru_cache(maxsize=64)
def holidays_in(year: int) -> frozenset[date]:
    """The Romanian public holidays of ``year``."""
    return frozenset(holidays.country_holidays("RO", years=year))


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a weekday that is not a Romanian public holiday."""
    return day.weekday() < 5 and day not in holidays_in(day.year)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (before it when ``count`` is negative).

    ``day`` itself is not counted and need not be a working day; ``count == 0`` returns it.

    >>> add_working_days(date(2026, 12, 24), 1), add_working_days(date(2026, 4, 14), -1)
    (datetime.date(2026, 12, 28), datetime.date(2026, 4, 9))
    """
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    remaining = abs(count)
    while remaining:
        day += step
        remaining -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days from ``start`` (excluded) to ``end`` (included); negative going backwards.

    ``working_days_between(d, add_working_days(d, n)) == n`` for every ``d`` and ``n``.

    >>> working_days_between(date(2026, 12, 24), date(2027, 1, 8))
    7
    >>> working_days_between(date(2026, 4, 11), date(2026, 4, 10))  # Saturday to Good Friday
    0
    """
    step = _ONE_DAY if end >= start else -_ONE_DAY
    count = sum(is_working_day(start + step * i) for i in range(1, abs((end - start).days) + 1))
    return count if end >= start else -count


def efactura_deadline(issue_date: date) -> date:
    """The last day to send an invoice issued on ``issue_date``: 5 working days after it."""
    return add_working_days(issue_date, EFACTURA_WORKING_DAYS)


def days_left(issue_date: date, today: date) -> int:
    """Working days left to send the invoice: 0 on the deadline day, negative once it is late.

    Before the deadline: the working days after ``today`` up to the deadline (a weekend before
    a Monday deadline shows 1). After it: minus the working days between the deadline and the
    first working day from ``today`` on, so the weekend after a missed Friday deadline shows -1.
    """
    deadline = efactura_deadline(issue_date)
    if today <= deadline:
        return working_days_between(today, deadline)
    first_working = today if is_working_day(today) else add_working_days(today, 1)
    return -working_days_between(deadline, first_working)
