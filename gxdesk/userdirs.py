"""Where gxdesk keeps its own files (settings, autosaved drafts, a cache), and the user's Documents.

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


def documents_dir() -> Path:
    """Where a clerk's first report goes: the Documents folder (Windows' 文档), else the home folder."""
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def autosave_dir(data: Path | None = None) -> Path:
    return (data or data_dir()) / "autosave"
