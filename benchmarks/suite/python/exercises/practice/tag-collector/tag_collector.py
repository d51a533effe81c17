def add_tag(tag, tags=[]):
    """Normalise tag, append it to tags if missing, return tags."""
    raise NotImplementedError


def count_tags(posts, counts={}):
    """Count in how many posts each normalised tag appears."""
    raise NotImplementedError


class TagIndex:
    def __init__(self, tags=[]):
        self._tags = tags

    def add(self, tag):
        raise NotImplementedError

    def tags(self):
        raise NotImplementedError

    def __contains__(self, tag):
        raise NotImplementedError
