"""`architect-bot action`: the GitHub Action's program (events in, tested pull requests out)."""
