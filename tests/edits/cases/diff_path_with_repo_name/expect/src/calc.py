"""Small calculator."""


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


class Calculator:
    def __init__(self):
        self.total = 0

    def push(self, value):
        self.total += value
        return self.total
