def word_counts(text):
    pass
