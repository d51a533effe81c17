import pytest

from ttl_cache import TTLCache


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.reads = 0

    def __call__(self):
        self.reads += 1
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


def test_put_and_get(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    assert cache.get("a") == 1
    assert clock.reads > 0


def test_missing_key_gives_default(clock):
    cache = TTLCache(2, 10, clock=clock)
    assert cache.get("x") is None
    assert cache.get("x", 42) == 42


def test_lru_eviction_respects_get(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None
    assert cache.get("a") == 1
    assert cache.get("c") == 3


def test_put_existing_key_does_not_evict(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert len(cache) == 2
    assert cache.get("a") == 10
    cache.put("c", 3)
    assert "b" not in cache
    assert "a" in cache


def test_expiry_is_inclusive(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    clock.now = 9.999
    assert cache.get("a") == 1
    clock.now = 10.0
    assert cache.get("a") is None
    assert "a" not in cache


def test_get_does_not_refresh_ttl(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    clock.now = 8
    assert cache.get("a") == 1
    clock.now = 12
    assert cache.get("a") is None


def test_put_refreshes_ttl(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    clock.now = 8
    cache.put("a", 2)
    clock.now = 15
    assert cache.get("a") == 2


def test_expired_entries_dropped_before_lru_eviction(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("old", 1)
    clock.now = 5
    cache.put("fresh", 2)
    cache.get("old")  # "old" is now most recently used
    clock.now = 11  # "old" expired, "fresh" alive
    cache.put("new", 3)
    assert cache.get("fresh") == 2
    assert cache.get("new") == 3


def test_len_counts_live_entries_only(clock):
    cache = TTLCache(3, 10, clock=clock)
    cache.put("a", 1)
    clock.now = 5
    cache.put("b", 2)
    assert len(cache) == 2
    clock.now = 10
    assert len(cache) == 1


def test_contains_does_not_touch_order(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    assert "a" in cache
    cache.put("c", 3)
    assert "a" not in cache
    assert "b" in cache


def test_delete(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    assert cache.get("a") is None


def test_delete_expired_returns_false(clock):
    cache = TTLCache(2, 10, clock=clock)
    cache.put("a", 1)
    clock.now = 20
    assert cache.delete("a") is False


def test_stored_none_is_returned(clock):
    cache = TTLCache(1, 10, clock=clock)
    cache.put("a", None)
    assert cache.get("a", "default") is None
    assert "a" in cache


def test_capacity_one(clock):
    cache = TTLCache(1, 10, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") is None
    assert cache.get("b") == 2


@pytest.mark.parametrize("capacity, ttl", [(0, 1), (-1, 1), (1.5, 1), (2, 0), (2, -3)])
def test_invalid_arguments(capacity, ttl):
    with pytest.raises(ValueError):
        TTLCache(capacity, ttl)
