from bot.sandbox.output import BoundedOutput


def test_small_output_is_kept_whole() -> None:
    out = BoundedOutput(1000)
    out.feed(b"hello ")
    out.feed(b"world")
    assert out.text() == "hello world"
    assert out.cut == 0
    assert out.total == 11


def test_keeps_head_and_tail_and_marks_the_cut() -> None:
    out = BoundedOutput(100)
    out.feed(b"H" * 50)
    for _ in range(1000):
        out.feed(b"m" * 37)
    out.feed(b"T" * 50)
    text = out.text()
    assert text.startswith("H" * 50)
    assert text.endswith("T" * 50)
    assert f"[... {out.total - 100} bytes of output cut by architect-bot ...]" in text
    assert out.cut == out.total - 100


def test_one_huge_chunk_keeps_its_own_tail() -> None:
    out = BoundedOutput(64)
    out.feed(b"a" * 32 + b"b" * 10_000 + b"z" * 32)
    assert out.text().endswith("z" * 32)
    assert out.text().startswith("a" * 32)


def test_memory_stays_bounded_under_a_flood() -> None:
    out = BoundedOutput(4096)
    chunk = b"x" * 65536
    for _ in range(1600):  # 100 MB
        out.feed(chunk)
    held = len(out._head) + sum(len(c) for c in out._tail)
    assert held == 4096
    assert out.total == 1600 * 65536


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    out = BoundedOutput(1000)
    out.feed(b"ok \xff\xfe bad \xc3")
    assert out.text() == "ok \ufffd\ufffd bad \ufffd"
