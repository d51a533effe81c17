from collections import Counter

RANKS = {r: v for v, r in enumerate(["2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A"], 2)}
SUITS = set("SHDC")
CATEGORIES = [
    "high card", "one pair", "two pair", "three of a kind", "straight",
    "flush", "full house", "four of a kind", "straight flush",
]


def _cards(hand):
    cards = hand.split()
    if len(cards) != 5:
        raise ValueError(f"a hand has five cards: {hand!r}")
    if len(set(cards)) != 5:
        raise ValueError(f"duplicate card in {hand!r}")
    out = []
    for card in cards:
        rank, suit = card[:-1], card[-1]
        if rank not in RANKS or suit not in SUITS:
            raise ValueError(f"bad card {card!r}")
        out.append((RANKS[rank], suit))
    return out


def _key(hand):
    cards = _cards(hand)
    values = sorted((v for v, _ in cards), reverse=True)
    flush = len({s for _, s in cards}) == 1
    if values == [14, 5, 4, 3, 2]:
        values = [5, 4, 3, 2, 1]
    straight = len(set(values)) == 5 and values[0] - values[4] == 4
    counts = Counter(values)
    # Ranks ordered by (how many, rank): the category-making ranks first, then kickers.
    grouped = sorted(counts, key=lambda v: (counts[v], v), reverse=True)
    shape = sorted(counts.values(), reverse=True)
    if straight and flush:
        cat = 8
    elif shape == [4, 1]:
        cat = 7
    elif shape == [3, 2]:
        cat = 6
    elif flush:
        cat = 5
    elif straight:
        cat = 4
    elif shape == [3, 1, 1]:
        cat = 3
    elif shape == [2, 2, 1]:
        cat = 2
    elif shape == [2, 1, 1, 1]:
        cat = 1
    else:
        cat = 0
    return cat, grouped


def category(hand):
    return CATEGORIES[_key(hand)[0]]


def best_hands(hands):
    keys = [_key(h) for h in hands]
    if not keys:
        return []
    top = max(keys)
    return [h for h, k in zip(hands, keys) if k == top]
