def normalise(tag):
    words = tag.split()
    if not words:
        raise ValueError("empty tag")
    return "-".join(words).lower()


def add_tag(tag, tags=None):
    if tags is None:
        tags = []
    name = normalise(tag)
    if name not in tags:
        tags.append(name)
    return tags


def count_tags(posts, counts=None):
    if counts is None:
        counts = {}
    for post in posts:
        for name in {normalise(tag) for tag in post}:
            counts[name] = counts.get(name, 0) + 1
    return counts


class TagIndex:
    def __init__(self, tags=None):
        self._tags = []
        for tag in tags or ():
            self.add(tag)

    def add(self, tag):
        add_tag(tag, self._tags)

    def tags(self):
        return list(self._tags)

    def __contains__(self, tag):
        return normalise(tag) in self._tags
