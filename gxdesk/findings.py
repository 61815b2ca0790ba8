"""What a check finds: a ``Finding``, its severity, and the key an explanation answers it by.

Kept apart from ``rules`` so that the rule modules beside it (``gxdesk.text_checks``,
``gxdesk.deadline``) can build findings without importing the module that lists them.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from gxdesk.model import FindingKey
from gxdesk.records import fields, record, replace


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提醒"


@record
class Finding:
    rule: str
    severity: Severity
    message: str
    section: str  # 一 … 六, 前言, or 基本信息
    table: str = ""
    row: str = ""  # "" with a column set: the whole column
    column: str = ""
    field: str = ""  # a text part id or a meta key
    # Where in the text part ``field`` the finding is (character offsets, end exclusive), for the
    # window to select; None for a finding about a whole field or a cell.
    start: int | None = None
    end: int | None = None
    # The clerk's written answer to it (``Report.explanations``), attached by ``rules.check``.
    explanation: str | None = None

    @property
    def key(self) -> FindingKey:
        """What identifies the finding across edits: its rule and place, not its wording."""
        return FindingKey(self.rule, self.table, self.row, self.column, self.field)

    @property
    def explained(self) -> bool:
        """A warning the clerk has answered in writing. An error stays an error, explained or not."""
        return self.explanation is not None and self.severity is Severity.WARNING

    def with_explanation(self, text: str | None) -> Finding:
        return self if text == self.explanation else replace(self, explanation=text)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in fields(self)}
        out["severity"] = self.severity.value
        return out


ERROR, WARNING = Severity.ERROR, Severity.WARNING
META_SECTION = "基本信息"
