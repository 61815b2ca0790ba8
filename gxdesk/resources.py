"""Where the assets shipped beside the code live: source tree, wheel or frozen app."""

from __future__ import annotations

import sys
from pathlib import Path

from gxdesk.errors import InputError

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
    raise InputError(f"gxdesk 安装不完整：缺少 {name} 文件夹，请重新安装 gxdesk")


def data_file(name: str) -> Path:
    """A file of gxdesk/data (the built-in sample, …)."""
    return _PACKAGE / "data" / name
