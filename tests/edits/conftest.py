# The corpus holds repo snapshots with their own test files: they are data, not tests to run.
collect_ignore = ["cases"]
