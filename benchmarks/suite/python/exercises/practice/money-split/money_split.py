class Money:
    def __init__(self, amount: float, currency: str):
        self.amount = amount
        self.currency = currency

    def __add__(self, other):
        raise NotImplementedError

    def __sub__(self, other):
        raise NotImplementedError

    def __str__(self):
        raise NotImplementedError

    def allocate(self, ratios):
        raise NotImplementedError
