"""Where the assets shipped beside the code live: source tree, wheel or frozen app."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def asset_dir(name: str) -> Path:
    """The ``ui`` or ``templates`` folder.

    A wheel carries them inside the package (``gxdesk/ui``), a PyInstaller app
    in its bundle folder, and a source checkout or editable install at the top
    of the repository.
    """
    candidates = [_PACKAGE / name, _PACKAGE.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gxdesk is missing its {name}/ folder; reinstall it")


def data_file(name: str) -> Path:
    """A file of gxdesk/data (the built-in sample, …)."""
    return _PACKAGE / "data" / name
