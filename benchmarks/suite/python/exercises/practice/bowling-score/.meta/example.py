def _check_roll(pins):
    if isinstance(pins, bool) or not isinstance(pins, int) or not 0 <= pins <= 10:
        raise ValueError(f"invalid roll: {pins!r}")


def _roll(rolls, i):
    if i >= len(rolls):
        raise ValueError("incomplete game")
    return rolls[i]


def score(rolls):
    rolls = list(rolls)
    for pins in rolls:
        _check_roll(pins)
    total, i = 0, 0
    for _ in range(9):
        first = _roll(rolls, i)
        if first == 10:
            total += 10 + _roll(rolls, i + 1) + _roll(rolls, i + 2)
            i += 1
            continue
        second = _roll(rolls, i + 1)
        if first + second > 10:
            raise ValueError("a frame cannot knock down more than 10 pins")
        total += first + second
        if first + second == 10:
            total += _roll(rolls, i + 2)
        i += 2
    # Tenth frame, with its own bonus rules.
    first, second = _roll(rolls, i), _roll(rolls, i + 1)
    if first == 10:
        third = _roll(rolls, i + 2)
        if second != 10 and second + third > 10:
            raise ValueError("bonus rolls exceed the pins standing")
        total += first + second + third
        used = 3
    elif first + second > 10:
        raise ValueError("a frame cannot knock down more than 10 pins")
    elif first + second == 10:
        total += 10 + _roll(rolls, i + 2)
        used = 3
    else:
        total += first + second
        used = 2
    if i + used != len(rolls):
        raise ValueError("rolls after the end of the game")
    return total
