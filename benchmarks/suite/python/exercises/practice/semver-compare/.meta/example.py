import functools
import re

_NUM = r"(0|[1-9][0-9]*)"
_IDENT = r"[0-9A-Za-z-]+"
_VERSION = re.compile(
    rf"{_NUM}\.{_NUM}\.{_NUM}(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+({_IDENT}(?:\.{_IDENT})*))?"
)


def _parse(text):
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a semantic version: {text!r}")
    major, minor, patch, pre, _build = match.groups()
    ids = pre.split(".") if pre else []
    for ident in ids:
        if ident.isdigit() and len(ident) > 1 and ident[0] == "0":
            raise ValueError(f"leading zero in pre-release identifier: {text!r}")
    return (int(major), int(minor), int(patch)), ids


def _cmp(x, y):
    return (x > y) - (x < y)


def _cmp_ident(x, y):
    xn, yn = x.isdigit(), y.isdigit()
    if xn and yn:
        return _cmp(int(x), int(y))
    if xn != yn:
        return -1 if xn else 1
    return _cmp(x, y)


def compare(a, b):
    (core_a, pre_a), (core_b, pre_b) = _parse(a), _parse(b)
    if core_a != core_b:
        return _cmp(core_a, core_b)
    if not pre_a or not pre_b:
        return _cmp(not pre_a, not pre_b)
    for x, y in zip(pre_a, pre_b):
        result = _cmp_ident(x, y)
        if result:
            return result
    return _cmp(len(pre_a), len(pre_b))


def sort_versions(versions):
    versions = list(versions)
    for v in versions:
        _parse(v)
    return sorted(versions, key=functools.cmp_to_key(compare))
