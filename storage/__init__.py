"""SQLite through sqlite-utils: the single source of truth for calls, rules and settings."""
