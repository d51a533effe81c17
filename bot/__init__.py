"""architect-bot: a reasoning model plans, an editor model edits, the tests decide."""

__version__ = "0.1.0"
