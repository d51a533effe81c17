def mul(a, b):
    return b * a
