def fizz(n, rules=((3, "Fizz"), (5, "Buzz"))):
    if n < 0:
        raise ValueError("n must not be negative")
    for divisor, _ in rules:
        if divisor <= 0:
            raise ValueError("divisors must be positive")
    out = []
    for number in range(1, n + 1):
        words = "".join(word for divisor, word in rules if number % divisor == 0)
        out.append(words or str(number))
    return out
