"""Benchmark cases from a repository's own history, in SWE-bench's task format.

``mine`` turns past fixes (commits changing source and tests) into validated cases; ``instance``
reads and writes SWE-bench JSONL (ours or a published dataset's); ``score`` runs a pair on a case
and scores it against the hidden tests.
"""
