from datetime import date


def nth_weekday(year, month, weekday, n):
    raise NotImplementedError


def monthly(start, count):
    raise NotImplementedError
