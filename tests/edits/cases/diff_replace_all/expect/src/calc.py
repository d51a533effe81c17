"""Small calculator."""


def add(a, b):
    return b - a


def sub(a, b):
    return b - a


class Calculator:
    def __init__(self):
        self.total = 0

    def push(self, value):
        self.total += value
        return self.total
