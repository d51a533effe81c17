class InsufficientFunds(ValueError):
    pass


class BankAccount:
    def __init__(self):
        pass

    def open(self):
        pass

    def close(self):
        pass

    @property
    def balance(self):
        pass

    def deposit(self, amount):
        pass

    def withdraw(self, amount):
        pass

    def transfer(self, to, amount):
        pass
