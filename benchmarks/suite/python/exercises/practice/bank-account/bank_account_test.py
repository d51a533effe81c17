import threading

import pytest

from bank_account import BankAccount, InsufficientFunds


def opened(amount=0):
    account = BankAccount()
    account.open()
    if amount:
        account.deposit(amount)
    return account


def run_threads(targets):
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "threads deadlocked"


def test_new_account_opens_with_zero():
    assert opened().balance == 0


def test_deposit_and_withdraw():
    account = opened(500)
    account.withdraw(200)
    assert account.balance == 300


def test_new_account_is_closed():
    with pytest.raises(ValueError):
        BankAccount().balance


def test_open_twice_raises():
    with pytest.raises(ValueError):
        opened().open()


def test_close_twice_raises():
    account = opened()
    account.close()
    with pytest.raises(ValueError):
        account.close()


def test_operations_on_closed_account_raise():
    account = opened(100)
    account.close()
    for action in (lambda: account.balance, lambda: account.deposit(1), lambda: account.withdraw(1)):
        with pytest.raises(ValueError):
            action()


def test_reopen_starts_from_zero():
    account = opened(100)
    account.close()
    account.open()
    assert account.balance == 0


def test_invalid_amounts():
    account = opened(100)
    for bad in (0, -5, 1.5, True, "10"):
        with pytest.raises(ValueError):
            account.deposit(bad)
        with pytest.raises(ValueError):
            account.withdraw(bad)
    assert account.balance == 100


def test_overdraw_raises_and_keeps_balance():
    account = opened(100)
    with pytest.raises(InsufficientFunds):
        account.withdraw(101)
    assert account.balance == 100
    assert issubclass(InsufficientFunds, ValueError)


def test_transfer():
    a, b = opened(100), opened(5)
    a.transfer(b, 60)
    assert (a.balance, b.balance) == (40, 65)


def test_transfer_failures_change_nothing():
    a, b = opened(100), opened(5)
    with pytest.raises(InsufficientFunds):
        a.transfer(b, 101)
    with pytest.raises(ValueError):
        a.transfer(a, 10)
    b.close()
    with pytest.raises(ValueError):
        a.transfer(b, 10)
    assert a.balance == 100


def test_balance_is_read_only():
    account = opened()
    with pytest.raises(AttributeError):
        account.balance = 1000


def test_concurrent_deposits_and_withdrawals():
    account = opened(10_000)

    def churn():
        for _ in range(2000):
            account.deposit(3)
            account.withdraw(3)

    run_threads([churn] * 8)
    assert account.balance == 10_000


def test_concurrent_withdrawals_never_overdraw():
    account = opened(1000)
    failures = []

    def drain():
        for _ in range(500):
            try:
                account.withdraw(1)
            except InsufficientFunds:
                failures.append(1)

    run_threads([drain] * 4)
    assert account.balance == 0
    assert len(failures) == 1000


def test_opposite_transfers_do_not_deadlock():
    # Enough money that no interleaving can run either account dry.
    a, b = opened(10_000), opened(10_000)

    def a_to_b():
        for _ in range(3000):
            a.transfer(b, 1)

    def b_to_a():
        for _ in range(3000):
            b.transfer(a, 1)

    run_threads([a_to_b, b_to_a, a_to_b, b_to_a])
    assert a.balance == 10_000
    assert b.balance == 10_000
