import itertools
import threading


class InsufficientFunds(ValueError):
    pass


_ids = itertools.count()


def _check_amount(amount):
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"amount must be a positive int, got {amount!r}")


class BankAccount:
    def __init__(self):
        # A fixed global order of locks is what keeps opposite transfers from deadlocking.
        self._order = next(_ids)
        self._lock = threading.Lock()
        self._open = False
        self._balance = 0

    def _require_open(self):
        if not self._open:
            raise ValueError("account is closed")

    def open(self):
        with self._lock:
            if self._open:
                raise ValueError("account already open")
            self._open = True
            self._balance = 0

    def close(self):
        with self._lock:
            self._require_open()
            self._open = False

    @property
    def balance(self):
        with self._lock:
            self._require_open()
            return self._balance

    def deposit(self, amount):
        _check_amount(amount)
        with self._lock:
            self._require_open()
            self._balance += amount

    def withdraw(self, amount):
        _check_amount(amount)
        with self._lock:
            self._require_open()
            if amount > self._balance:
                raise InsufficientFunds("insufficient funds")
            self._balance -= amount

    def transfer(self, to, amount):
        _check_amount(amount)
        if to is self:
            raise ValueError("cannot transfer to the same account")
        first, second = sorted((self, to), key=lambda acc: acc._order)
        with first._lock, second._lock:
            self._require_open()
            to._require_open()
            if amount > self._balance:
                raise InsufficientFunds("insufficient funds")
            self._balance -= amount
            to._balance += amount
