"""callgate's version: here, not only in the installed metadata, so that reading it costs
nothing at start-up (pyproject.toml takes it from here)."""

VERSION = "0.1.0"
