def encode(text):
    raise NotImplementedError


def decode(encoded):
    raise NotImplementedError
