import re
from collections import Counter

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def word_counts(text):
    lowered = text.lower()
    words = []
    for match in _WORD.finditer(lowered):
        words.append(match.group(0))
    return dict(Counter(words))
