import time
from collections import OrderedDict


class TTLCache:
    def __init__(self, capacity, ttl, clock=time.monotonic):
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
            raise ValueError("capacity must be a positive int")
        if isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or ttl <= 0:
            raise ValueError("ttl must be positive")
        self._capacity = capacity
        self._ttl = ttl
        self._clock = clock
        self._entries = OrderedDict()  # key -> (value, expires_at); last = most recent

    def _live(self, key, now):
        entry = self._entries.get(key)
        if entry is None:
            return None
        if now >= entry[1]:
            del self._entries[key]
            return None
        return entry

    def _purge(self, now):
        for key in [k for k, (_, exp) in self._entries.items() if now >= exp]:
            del self._entries[key]

    def put(self, key, value):
        now = self._clock()
        if self._live(key, now) is None and len(self._entries) >= self._capacity:
            self._purge(now)
            if len(self._entries) >= self._capacity:
                self._entries.popitem(last=False)
        self._entries[key] = (value, now + self._ttl)
        self._entries.move_to_end(key)

    def get(self, key, default=None):
        entry = self._live(key, self._clock())
        if entry is None:
            return default
        self._entries.move_to_end(key)
        return entry[0]

    def delete(self, key):
        if self._live(key, self._clock()) is None:
            return False
        del self._entries[key]
        return True

    def __len__(self):
        self._purge(self._clock())
        return len(self._entries)

    def __contains__(self, key):
        return self._live(key, self._clock()) is not None
