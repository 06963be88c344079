"""The PySide6 console: widgets and Qt models only; it never decides policy."""
