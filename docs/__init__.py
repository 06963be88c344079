"""The scripts that make the README's pictures from the real console (make screenshots)."""
