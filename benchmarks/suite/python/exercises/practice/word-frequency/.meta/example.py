from collections import Counter


def _words(text):
    word = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            word.append(ch)
            continue
        # An apostrophe joins two letters; anywhere else it is a quote and separates words.
        joins = ch == "'" and word and word[-1].isalpha() and i + 1 < len(text) and text[i + 1].isalpha()
        if joins:
            word.append(ch)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)


def word_counts(text):
    return dict(Counter(_words(text.lower())))
