"""Code hosts behind one port.

- ``bot.forge.base.Forge``: the Protocol the pipeline calls (issues, comments, reactions, branches,
  pull requests), in domain terms only.
- ``bot.forge.types``: the frozen values it speaks in (ForgeIssue, Comment, PullRequest, ReviewComment,
  ReactionTarget, Permission).
- ``bot.forge.github.GitHubForge``: the GitHub adapter (PyGithub + git over HTTPS).
- ``bot.forge.retry``: the one retry policy for GitHub calls; ``bot.forge.errors``: what can go wrong.
"""
