from datetime import date

import pytest

from recurring_dates import monthly, nth_weekday

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def test_first_weekday():
    assert nth_weekday(2024, 1, MON, 1) == date(2024, 1, 1)
    assert nth_weekday(2024, 1, SUN, 1) == date(2024, 1, 7)


def test_third_weekday():
    assert nth_weekday(2023, 11, THU, 4) == date(2023, 11, 23)


def test_fifth_weekday_in_leap_february():
    assert nth_weekday(2024, 2, THU, 5) == date(2024, 2, 29)


def test_missing_fifth_weekday_raises():
    with pytest.raises(ValueError):
        nth_weekday(2023, 2, THU, 5)


def test_last_weekday():
    assert nth_weekday(2023, 12, FRI, -1) == date(2023, 12, 29)
    assert nth_weekday(2024, 3, SUN, -1) == date(2024, 3, 31)


def test_counting_from_end():
    assert nth_weekday(2024, 5, MON, -2) == date(2024, 5, 20)
    assert nth_weekday(2024, 5, FRI, -5) == date(2024, 5, 3)
    with pytest.raises(ValueError):
        nth_weekday(2024, 5, MON, -5)


def test_invalid_arguments():
    for args in [(2024, 1, MON, 0), (2024, 1, MON, 6), (2024, 1, 7, 1), (2024, 13, MON, 1), (2024, 0, MON, 1)]:
        with pytest.raises(ValueError):
            nth_weekday(*args)


def test_monthly_end_of_month_clamps_and_recovers():
    assert monthly(date(2023, 1, 31), 4) == [
        date(2023, 1, 31),
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 30),
    ]


def test_monthly_crosses_year_and_leap_day():
    assert monthly(date(2023, 11, 30), 4) == [
        date(2023, 11, 30),
        date(2023, 12, 30),
        date(2024, 1, 30),
        date(2024, 2, 29),
    ]


def test_century_leap_rules():
    assert monthly(date(1900, 1, 29), 2)[1] == date(1900, 2, 28)
    assert monthly(date(2000, 1, 29), 2)[1] == date(2000, 2, 29)


def test_monthly_mid_month_and_long_run():
    dates = monthly(date(2024, 6, 15), 25)
    assert len(dates) == 25
    assert all(d.day == 15 for d in dates)
    assert dates[-1] == date(2026, 6, 15)


def test_monthly_zero_and_negative():
    assert monthly(date(2024, 1, 1), 0) == []
    with pytest.raises(ValueError):
        monthly(date(2024, 1, 1), -1)
