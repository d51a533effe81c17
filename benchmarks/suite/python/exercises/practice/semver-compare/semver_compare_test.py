import pytest

from semver_compare import compare, sort_versions


def test_equal():
    assert compare("1.2.3", "1.2.3") == 0


def test_numeric_not_lexicographic():
    assert compare("2.0.0", "10.0.0") == -1
    assert compare("1.10.0", "1.9.0") == 1
    assert compare("1.0.10", "1.0.9") == 1


def test_prerelease_lower_than_release():
    assert compare("1.0.0-alpha", "1.0.0") == -1
    assert compare("1.0.0", "1.0.0-rc.1") == 1


def test_core_beats_prerelease():
    assert compare("1.0.1-alpha", "1.0.0") == 1


def test_numeric_identifiers_compare_numerically():
    assert compare("1.0.0-beta.11", "1.0.0-beta.2") == 1


def test_numeric_lower_than_alphanumeric():
    assert compare("1.0.0-1", "1.0.0-alpha") == -1
    assert compare("1.0.0-alpha.1", "1.0.0-alpha.beta") == -1


def test_alphanumeric_ascii_order():
    assert compare("1.0.0-Beta", "1.0.0-alpha") == -1
    assert compare("1.0.0-a-b", "1.0.0-a") == 1


def test_fewer_identifiers_lower():
    assert compare("1.0.0-alpha", "1.0.0-alpha.1") == -1


def test_build_metadata_ignored():
    assert compare("1.0.0+build.1", "1.0.0") == 0
    assert compare("1.0.0-rc.1+a", "1.0.0-rc.1+b") == 0


def test_spec_order():
    ordered = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
    ]
    shuffled = [ordered[i] for i in (5, 0, 7, 3, 1, 6, 2, 4)]
    assert sort_versions(shuffled) == ordered
    for low, high in zip(ordered, ordered[1:]):
        assert compare(low, high) == -1
        assert compare(high, low) == 1


def test_sort_is_stable_and_new_list():
    versions = ["1.0.0+b", "0.9.0", "1.0.0+a"]
    result = sort_versions(versions)
    assert result == ["0.9.0", "1.0.0+b", "1.0.0+a"]
    assert versions == ["1.0.0+b", "0.9.0", "1.0.0+a"]


def test_build_identifiers_may_have_leading_zeros():
    assert compare("1.0.0+001", "1.0.0") == 0


INVALID = ["1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.02.3", "1.2.03", "1.2.3-", "1.2.3+", "1.2.3-a..b",
           "1.2.3-01", "1.2.3-a_b", " 1.2.3", "1.2.3 ", "", "a.b.c", "1.2.-3"]


def test_invalid_raises():
    for bad in INVALID:
        with pytest.raises(ValueError):
            compare(bad, "1.0.0")
        with pytest.raises(ValueError):
            compare("1.0.0", bad)


def test_sort_rejects_invalid():
    with pytest.raises(ValueError):
        sort_versions(["1.0.0", "1.0"])
