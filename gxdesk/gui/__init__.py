"""The desktop window (PySide6). Everything it shows comes from the core."""
