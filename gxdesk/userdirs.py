"""Where gxdesk keeps its own files: settings, autosaved drafts and a cache.

Besides the reports a user saves, the program writes only here. ``GXDESK_HOME``
overrides all three folders (tests, portable installs on a USB stick); the
cache is then its ``cache`` subfolder.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "GXDESK_HOME"
APP = "gxdesk"


def data_dir() -> Path:
    """Autosaved drafts live here."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, False))


def config_dir() -> Path:
    """settings.json lives here."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, False))


def cache_dir() -> Path:
    """Files that only save time (parsed fonts): deleting them loses nothing."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, False))


def autosave_dir(data: Path | None = None) -> Path:
    return (data or data_dir()) / "autosave"
