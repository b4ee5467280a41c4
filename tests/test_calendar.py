"""Romanian working days and the e-Factura deadline (5 working days after the issue date).

Holiday dates below are written out by hand from the Labour Code list and the Orthodox Easter
dates (20 April 2025, 12 April 2026, 2 May 2027), not taken from the ``holidays`` package.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ro_efactura.calendar import (
    add_working_days,
    days_left,
    efactura_deadline,
    is_working_day,
    working_days_between,
)

HOLIDAYS = {
    2025: [
        (1, 1), (1, 2), (1, 6), (1, 7), (1, 24), (4, 18), (4, 20), (4, 21), (5, 1), (6, 1),
        (6, 8), (6, 9), (8, 15), (11, 30), (12, 1), (12, 25), (12, 26),
    ],
    2026: [
        (1, 1), (1, 2), (1, 6), (1, 7), (1, 24), (4, 10), (4, 12), (4, 13), (5, 1), (5, 31),
        (6, 1), (8, 15), (11, 30), (12, 1), (12, 25), (12, 26),
    ],
    2027: [
        (1, 1), (1, 2), (1, 6), (1, 7), (1, 24), (4, 30), (5, 1), (5, 2), (5, 3), (6, 1),
        (6, 20), (6, 21), (8, 15), (11, 30), (12, 1), (12, 25), (12, 26),
    ],
}  # fmt: skip
HOLIDAY_DATES = [date(year, m, d) for year, days in HOLIDAYS.items() for m, d in days]


@pytest.mark.parametrize("day", HOLIDAY_DATES, ids=str)
def test_public_holidays_are_not_working_days(day):
    assert not is_working_day(day)


def test_weekday_holidays_are_the_only_weekdays_off():
    """Every Monday-Friday of 2025-2027 is a working day unless it is in the list above."""
    listed = set(HOLIDAY_DATES)
    day = date(2025, 1, 1)
    off = []
    while day.year < 2028:
        if day.weekday() < 5 and not is_working_day(day):
            off.append(day)
        day += timedelta(days=1)
    assert set(off) <= listed
    assert len(off) == sum(1 for d in listed if d.weekday() < 5)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 9),  # Thursday before Good Friday
        date(2026, 4, 14),  # Tuesday after Easter Monday
        date(2026, 6, 2),  # Tuesday after Pentecost Monday / Children's Day
        date(2026, 12, 24),  # Christmas Eve is a working day
        date(2026, 12, 31),  # and so is New Year's Eve
        date(2027, 1, 8),
    ],
)
def test_days_around_holidays_are_working_days(day):
    assert is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 4, 11), date(2026, 11, 29), date(2027, 1, 3)])
def test_weekends_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    ("issue", "deadline"),
    [
        # Wed; Thu 9 (1), Good Friday and Easter Monday off, Tue 14 .. Fri 17 (2..5)
        (date(2026, 4, 8), date(2026, 4, 17)),
        # Holy Saturday: Easter Monday off, Tue 14 .. Mon 20
        (date(2026, 4, 11), date(2026, 4, 20)),
        # Fri before Pentecost: Mon 1 June off, Tue 2 .. Mon 8
        (date(2026, 5, 29), date(2026, 6, 8)),
        # Mon 23 Nov: 24..27 (1..4), Mon 30 Nov and Tue 1 Dec off, Wed 2 Dec (5)
        (date(2026, 11, 23), date(2026, 12, 2)),
        # Tue 22 Dec: 23, 24 (1, 2), 25-27 off, 28, 29, 30 (3..5)
        (date(2026, 12, 22), date(2026, 12, 30)),
        (date(2026, 12, 23), date(2026, 12, 31)),
        # Christmas Eve: 28..31 (1..4), 1-3 January off, Mon 4 January 2027 (5)
        (date(2026, 12, 24), date(2027, 1, 4)),
        # Mon 28 Dec: 29, 30, 31, 4, 5 January
        (date(2026, 12, 28), date(2027, 1, 5)),
        # Tue 29 Dec: 30, 31, 4, 5 (1..4), 6 and 7 January off, Fri 8 (5)
        (date(2026, 12, 29), date(2027, 1, 8)),
        # issued on a holiday (2 January 2026): 5, 8, 9, 12, 13 January
        (date(2026, 1, 2), date(2026, 1, 13)),
        # the longest stretch: Tue 24 Dec 2024; 27, 30, 31 Dec, 3, 8 Jan (1, 2, 6, 7 Jan off)
        (date(2024, 12, 24), date(2025, 1, 8)),
        # an ordinary week: Mon 16 March 2026 -> Mon 23 March
        (date(2026, 3, 16), date(2026, 3, 23)),
        # Easter 2027 falls on 2 May: Wed 28 April; 29 (1), Good Friday 30 April off, Mon 3 May
        # off, Tue 4 .. Fri 7 (2..5)
        (date(2027, 4, 28), date(2027, 5, 7)),
    ],
)
def test_efactura_deadline(issue, deadline):
    assert efactura_deadline(issue) == deadline


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2026, 4, 8), 5),  # issue day: 9, 14, 15, 16, 17
        (date(2026, 4, 9), 4),
        (date(2026, 4, 10), 4),  # Good Friday
        (date(2026, 4, 13), 4),  # Easter Monday
        (date(2026, 4, 14), 3),
        (date(2026, 4, 16), 1),
        (date(2026, 4, 17), 0),  # deadline day
        (date(2026, 4, 18), -1),  # Saturday after: late, sent Monday at best
        (date(2026, 4, 19), -1),
        (date(2026, 4, 20), -1),
        (date(2026, 4, 21), -2),
        (date(2026, 5, 1), -10),  # Labour Day, counted up to Mon 4 May
    ],
)
def test_days_left_around_easter_2026(today, left):
    assert days_left(date(2026, 4, 8), today=today) == left


def test_days_left_counts_a_weekend_before_a_monday_deadline_as_one():
    # issue Mon 16 March 2026 -> deadline Mon 23 March
    assert days_left(date(2026, 3, 16), today=date(2026, 3, 20)) == 1  # Friday
    assert days_left(date(2026, 3, 16), today=date(2026, 3, 21)) == 1  # Saturday
    assert days_left(date(2026, 3, 16), today=date(2026, 3, 23)) == 0


def test_days_left_over_new_year():
    # issue Tue 29 Dec 2026 -> deadline Fri 8 January 2027
    assert days_left(date(2026, 12, 29), today=date(2026, 12, 31)) == 3  # 4, 5, 8 January
    assert days_left(date(2026, 12, 29), today=date(2027, 1, 6)) == 1
    assert days_left(date(2026, 12, 29), today=date(2027, 1, 11)) == -1


def test_days_left_late_after_a_thursday_deadline_counts_friday():
    # issue Thu 19 March 2026 -> deadline Thu 26 March; on Saturday 28 the earliest send is
    # Monday 30, two working days late (Friday 27 and Monday 30)
    assert efactura_deadline(date(2026, 3, 19)) == date(2026, 3, 26)
    assert days_left(date(2026, 3, 19), today=date(2026, 3, 28)) == -2


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 12, 24), date(2027, 1, 8), 7),  # 28, 29, 30, 31 Dec, 4, 5, 8 Jan
        (date(2027, 1, 8), date(2026, 12, 24), -7),  # 5, 4 Jan, 31, 30, 29, 28, 24 Dec
        (date(2026, 4, 11), date(2026, 4, 9), -1),  # Saturday back to Thursday
        (date(2026, 4, 11), date(2026, 4, 10), 0),  # Saturday back to Good Friday
        (date(2026, 4, 9), date(2026, 4, 14), 1),  # Easter weekend
        (date(2026, 4, 9), date(2026, 4, 9), 0),
        (date(2026, 4, 10), date(2026, 4, 13), 0),  # holiday to holiday
        (date(2026, 1, 1), date(2027, 1, 1), 250),  # 261 weekdays, 11 weekday holidays
    ],
)
def test_working_days_between(start, end, count):
    assert working_days_between(start, end) == count


@pytest.mark.parametrize(
    ("start", "count", "result"),
    [
        (date(2026, 12, 24), 1, date(2026, 12, 28)),
        (date(2026, 4, 14), -1, date(2026, 4, 9)),
        (date(2027, 1, 8), -3, date(2026, 12, 31)),  # 7, 6 January off; 5, 4, 31 Dec
        (date(2026, 4, 11), 0, date(2026, 4, 11)),  # zero leaves even a Saturday alone
    ],
)
def test_add_working_days(start, count, result):
    assert add_working_days(start, count) == result


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@given(day=days, count=st.integers(min_value=-40, max_value=40))
def test_add_then_count_gives_back_the_count(day, count):
    moved = add_working_days(day, count)
    assert working_days_between(day, moved) == count
    assert count == 0 or is_working_day(moved)


@given(issue=days)
def test_deadline_is_a_working_day_at_most_sixteen_days_on(issue):
    deadline = efactura_deadline(issue)
    assert is_working_day(deadline)
    assert timedelta(days=5) <= deadline - issue <= timedelta(days=16)
    assert days_left(issue, today=issue) == 5
    assert days_left(issue, today=deadline) == 0
