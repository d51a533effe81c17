import calendar
from datetime import date


def nth_weekday(year, month, weekday, n):
    if not 1 <= month <= 12 or not 0 <= weekday <= 6 or n == 0 or abs(n) > 5:
        raise ValueError("bad month, weekday or n")
    days_in_month = calendar.monthrange(year, month)[1]
    days = [d for d in range(1, days_in_month + 1) if date(year, month, d).weekday() == weekday]
    index = n - 1 if n > 0 else n
    if not -len(days) <= index < len(days):
        raise ValueError("no such weekday in that month")
    return date(year, month, days[index])


def monthly(start, count):
    if count < 0:
        raise ValueError("count must not be negative")
    out = []
    year, month = start.year, start.month
    for _ in range(count):
        last = calendar.monthrange(year, month)[1]
        out.append(date(year, month, min(start.day, last)))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out
