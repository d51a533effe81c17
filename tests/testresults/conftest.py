"""The corpus holds runner fixture projects (their own test files): never collect them here."""

collect_ignore = ["corpus"]
