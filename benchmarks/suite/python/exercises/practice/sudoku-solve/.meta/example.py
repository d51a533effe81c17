DIGITS = "123456789"
ALL = (1 << 9) - 1


def _parse(board):
    if not isinstance(board, (list, tuple)) or len(board) != 9:
        raise ValueError("a board has 9 rows")
    cells = []
    for row in board:
        if not isinstance(row, str) or len(row) != 9:
            raise ValueError(f"bad row: {row!r}")
        for ch in row:
            if ch != "." and ch not in DIGITS:
                raise ValueError(f"bad character {ch!r}")
            cells.append(0 if ch == "." else int(ch))
    return cells


def _box(i):
    return (i // 27) * 3 + (i % 9) // 3


def _masks(cells):
    rows, cols, boxes = [0] * 9, [0] * 9, [0] * 9
    for i, v in enumerate(cells):
        if v:
            bit = 1 << (v - 1)
            r, c, b = i // 9, i % 9, _box(i)
            if rows[r] & bit or cols[c] & bit or boxes[b] & bit:
                return None
            rows[r] |= bit
            cols[c] |= bit
            boxes[b] |= bit
    return rows, cols, boxes


def is_valid(board):
    return _masks(_parse(board)) is not None


def solve(board):
    cells = _parse(board)
    masks = _masks(cells)
    if masks is None:
        return None
    rows, cols, boxes = masks
    empty = [i for i, v in enumerate(cells) if not v]

    def search():
        best, best_free, best_count = -1, 0, 10
        for i in empty:
            if cells[i]:
                continue
            free = ALL & ~(rows[i // 9] | cols[i % 9] | boxes[_box(i)])
            count = bin(free).count("1")
            if count < best_count:
                best, best_free, best_count = i, free, count
                if count <= 1:
                    break
        if best < 0:
            return True
        r, c, b = best // 9, best % 9, _box(best)
        free = best_free
        while free:
            bit = free & -free
            free ^= bit
            cells[best] = bit.bit_length()
            rows[r] |= bit
            cols[c] |= bit
            boxes[b] |= bit
            if search():
                return True
            rows[r] ^= bit
            cols[c] ^= bit
            boxes[b] ^= bit
        cells[best] = 0
        return False

    if not search():
        return None
    return ["".join(str(v) for v in cells[r * 9 : r * 9 + 9]) for r in range(9)]
