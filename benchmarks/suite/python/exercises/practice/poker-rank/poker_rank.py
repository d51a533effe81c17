def category(hand):
    raise NotImplementedError


def best_hands(hands):
    raise NotImplementedError
