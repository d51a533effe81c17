"""Fails early, with a clear message, on a Python older than the package needs."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - this script must run on old Pythons to say so
    sys.exit(f"architect-bot needs Python >= 3.11, found {sys.version.split()[0]} ({sys.executable})")
