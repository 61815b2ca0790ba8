"""What the editor's writing aids ask and do: 按数字起草, 说明… and the 发布期限.

- 按数字起草 beside a text part: the core's draft (``gxdesk.drafting``) goes into the part as
  one undo step. A part that already has text is never overwritten without asking: the
  clerk chooses to add the draft after it, to replace it, or to cancel.
- 说明… on a warning in the 检查 panel: the clerk's explanation is stored in the report
  (``SetExplanation``, undoable); an empty one takes it back.
- 检查 → 发布期限…: the local deadline as a month and day, kept in the settings.
"""

from __future__ import annotations

from gxdesk.deadline import deadline_for, parse_month_day, shown
from gxdesk.edits import SetExplanation, SetText
from gxdesk.errors import InputError
from gxdesk.gui.host import Host
from gxdesk.rules import ERROR, Finding
from gxdesk.schema import TEXT_PART_BY_ID


def install(host: Host) -> Writing:
    """The window connects the tabs' 按数字起草 to ``Writing.draft`` and the 检查 panel's 说明… to
    ``Writing.explain`` when it builds them (both are built when first shown)."""
    writing = Writing(host)
    host.add_checks_action(host.action("发布期限(&D)…", writing.set_deadline))
    return writing


class Writing:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.document = host.document
        if host.settings.deadline:
            self.document.deadline = host.settings.deadline
            self.document.recheck()

    def draft(self, part: str) -> bool:
        """Fill ``part`` with the text drafted from the figures; False if nothing changed."""
        from gxdesk.drafting import drafts_for  # (imported when first used, not at start-up)
        from gxdesk.text_checks.places import part_name

        prompts = self.host.prompts
        try:
            drafted = drafts_for(self.document.report, part)
        except InputError as error:
            prompts.warn("无法起草", str(error))
            return False
        current = self.document.report.text[part]
        if drafted in current:
            prompts.inform("按数字起草", f"“{part_name(part)}”已有按数字起草的段落，未作修改。")
            return False
        if not current.strip():
            text = drafted
        else:
            place = prompts.ask_draft(part_name(part), drafted)
            if place == "cancel":
                return False
            text = drafted if place == "replace" else f"{current.rstrip()}\n\n{drafted}"
        self.host.show_page(TEXT_PART_BY_ID[part].section, part)
        return self.document.push(SetText(part, text))

    def explain(self, finding: Finding) -> bool:
        """Ask for (or change) the explanation of a warning; an error cannot be explained away."""
        if finding.severity is ERROR:
            return False
        text = self.host.prompts.ask_text(
            "出错说明",
            f"{finding.message}\n\n如果这条提醒所说的情况属实、不需要修改，请写明原因（随报告保存，审核时可以看到；"
            "清空即删除说明）：",
            finding.explanation or "", multiline=True)
        if text is None:
            return False
        return self.document.push(SetExplanation(finding.key, text))

    def set_deadline(self) -> None:
        report = self.document.report
        default = deadline_for(report)
        now = self.host.settings.deadline
        text = self.host.prompts.ask_text(
            "发布期限",
            "本地规定的发布期限，填写月和日（如 01-26 或 1月26日）；留空则按机关类型："
            "部门为次年1月31日，人民政府为次年3月31日"
            + (f"（本报告为 {shown(default)}）" if default else ""), now)
        if text is None:
            return
        text = text.strip()
        month_day = parse_month_day(text) if text else None
        if text and month_day is None:
            self.host.prompts.warn("发布期限", f"“{text}”不是有效的月和日，应写作 01-26 或 1月26日；未修改")
            return
        setting = f"{month_day[0]:02d}-{month_day[1]:02d}" if month_day else ""
        self.host.settings.deadline = self.document.deadline = setting
        self.host.save_settings()
        self.document.recheck()
        deadline = deadline_for(self.document.report, setting)
        self.host.show_message(f"发布期限：{shown(deadline)}" if deadline else "发布期限已设置")
