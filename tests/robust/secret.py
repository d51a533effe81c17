"""A secret in the environment, for the tests of where text leaves the bot."""

SECRET = "tok-4f9a8b7c6d5e3a2b"
