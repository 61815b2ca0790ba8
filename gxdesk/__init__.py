"""gxdesk: the 政府信息公开工作年度报告, right the first time."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up on demand so that start-up does not pay for importlib.metadata.
    if name == "__version__":
        from importlib.metadata import version

        return version("gxdesk")
    raise AttributeError(name)
