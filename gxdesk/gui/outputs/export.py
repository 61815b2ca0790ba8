"""文件 → 导出 Word / 导出 PDF / 字体与版式设置: the window's front door to ``gxdesk.render``.

The same ``render(report, path, font_dir=, seal=)`` as ``gxdesk render``; the
font folder and the seal layout are the user's settings. A report that still
has errors is exported only after asking. The renderer writes atomically, so
a failed export leaves an existing file as it was; a finished one offers 打开文件 and
打开所在文件夹, with any warning about it. ``Exporter`` also serves
打印 (``printing``): the same question first, the same options. The questions
are the window's ``Prompts``.
Nothing heavy is imported until an action runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from gxdesk.errors import InputError
from gxdesk.files import is_read_only
from gxdesk.gui import actions
from gxdesk.gui.actions import busy, file_name, with_suffix
from gxdesk.gui.host import Host
from gxdesk.os_errors import failed
from gxdesk.rules import ERROR

KINDS = {".docx": ("Word", "Word 文档"), ".pdf": ("PDF", "PDF 文件")}  # short name, file kind
SETTINGS_ACTION = "字体与版式设置"


# Shortcuts of the two exports (Ctrl+P prints, Ctrl+Shift+S is 另存为).
EXPORT_KEYS = {".docx": "Ctrl+Shift+W", ".pdf": "Ctrl+Shift+D"}


def install(host: Host) -> Exporter:
    exporter = Exporter(host)
    add = host.add_file_action
    add("export", host.action("导出 Word(&W)…", lambda: exporter.export(".docx"), EXPORT_KEYS[".docx"]), toolbar=True)
    add("export", host.action("导出 PDF(&D)…", lambda: exporter.export(".pdf"), EXPORT_KEYS[".pdf"]), toolbar=True)
    add("export", host.action(f"{SETTINGS_ACTION}(&T)…", exporter.edit_settings))
    return exporter


def window_wording(message: str) -> str:
    """The core's advice names the CLI option; in the window the setting is the way."""
    return message.replace("用 --font-dir", f"在“文件 → {SETTINGS_ACTION}”中")


FONT_NOTE = "字体："  # how the renderer's notes on substituted standard faces begin


def export_notes(notes: list[str]) -> list[str]:
    """What to say after an export: the renderer's warnings, then which standard fonts were
    replaced by what (said where the export happens, in the message that offers to open it)."""
    warnings = [window_wording(n) for n in notes if not n.startswith(FONT_NOTE)]
    fonts = [f"字体替换（标准字体未安装时）：{n.removeprefix(FONT_NOTE)}" for n in notes if n.startswith(FONT_NOTE)]
    return warnings + fonts


def describe_fonts(folder: str) -> tuple[list[str], list[str]]:
    """Which font each role would print with, and warnings about them, for the settings dialog."""
    from gxdesk.render import fonts

    try:
        fontset = fonts.resolve(folder or None)
    except InputError as error:
        return [], [str(error)]
    lines = []
    for role, choice in fontset.choices.items():
        if choice.face is None:
            used = f"{fonts.CID_FALLBACK}（阅读器自带，不嵌入 PDF）"
        else:
            used = choice.face.name
            if folder and Path(choice.face.path).resolve().is_relative_to(Path(folder).resolve()):
                used += "（所选文件夹）"
            if choice.bold:
                used += "（加粗代替）"
        lines.append(f"{role.value}：{used}")
    return lines, [window_wording(w) for w in fontset.pdf_warnings]


class Exporter:
    def __init__(self, host: Host) -> None:
        self.host = host

    def may_output(self, doing: str) -> bool:
        """Ask first when the report still has errors."""
        errors = [f for f in self.host.document.findings if f.severity is ERROR]
        return not errors or self.host.prompts.ask_despite_errors(errors, doing)

    def options(self) -> RenderOptions | None:
        """``render``'s font_dir and seal from the settings; None (after saying why) when the
        chosen font folder has gone (moved, or on a USB stick not plugged in)."""
        settings = self.host.settings
        if settings.font_dir and not Path(settings.font_dir).is_dir():
            self.host.prompts.warn("找不到字体文件夹",
                                   f"设置的字体文件夹“{settings.font_dir}”不存在（是否移动了，或 U 盘没有插上？）。\n"
                                   f"请在“文件 → {SETTINGS_ACTION}”中重新选择或清除。")
            return None
        return RenderOptions(settings.font_dir or None, settings.seal)

    def export(self, fmt: str) -> Path | None:
        """导出 Word (fmt ".docx") or 导出 PDF (".pdf"); the file written, or None."""
        if not self.may_output("导出"):
            return None
        report, prompts = self.host.document.report, self.host.prompts
        short, kind = KINDS[fmt]
        suggested = self._folder() / (file_name(report.display_title) + fmt)
        path: Path | None = None
        while path is None:
            chosen = prompts.ask_save_path(f"导出 {short}", suggested, f"{kind} (*{fmt})")
            if chosen is None:
                return None
            path = with_suffix(chosen, fmt)
            if is_read_only(path):  # never replaced: the clerk picks another name or gives up
                text = f"“{path.name}”是只读文件，没有覆盖。\n\n请另存为其他文件（或先在文件属性中取消“只读”）。"
                if prompts.ask_save_conflict(text, may_overwrite=False) != "save_as":
                    return None
                suggested, path = path, None
        options = self.options()
        if options is None:
            return None
        from gxdesk.render import render

        existed = path.exists()
        try:
            with busy():
                warnings = render(report, path, font_dir=options.font_dir, seal=options.seal)
        except (InputError, OSError) as error:
            reason = str(error) if isinstance(error, InputError) else failed("导出", path, error)
            kept = f"\n\n原有的“{path.name}”没有改动。" if existed else ""
            prompts.warn("导出失败", f"{reason}{kept}")
            return None
        self.host.settings.export_folder = str(path.parent)
        self.host.save_settings()
        self.host.show_message(f"已导出：{path}")
        self.offer_to_open(path, export_notes(warnings))
        return path

    def offer_to_open(self, path: Path, notes: list[str]) -> None:
        """打开文件 / 打开所在文件夹 after an export, with what to be aware of in the same message."""
        choice = self.host.prompts.ask_after_export(path, notes)
        if choice == "close":
            return
        opened = actions.open_externally(path) if choice == "open_file" else actions.show_in_folder(path)
        if not opened:
            what = "这个文件" if choice == "open_file" else "文件夹"
            self.host.prompts.warn("无法打开", f"系统中没有可以打开{what}的程序：{path}")

    def edit_settings(self) -> bool:
        settings, prompts = self.host.settings, self.host.prompts
        chosen = prompts.ask_output_settings(settings.font_dir, settings.seal, describe_fonts)
        if chosen is None:
            return False
        font_dir, seal = chosen
        if font_dir and not Path(font_dir).is_dir():
            prompts.warn("字体与版式设置", f"字体文件夹“{font_dir}”不存在，设置没有改动")
            return False
        settings.font_dir, settings.seal = font_dir, seal
        self.host.save_settings()
        self.host.show_message("已保存字体与版式设置")
        return True

    def _folder(self) -> Path:
        """Where exports go: the last export folder, else beside the report, else the last folder used,
        else Documents."""
        from gxdesk.userdirs import documents_dir

        settings, path = self.host.settings, self.host.document.path
        for folder in (settings.export_folder, str(path.parent) if path else "", settings.last_folder):
            if folder and Path(folder).is_dir():
                return Path(folder)
        return documents_dir()


class RenderOptions(NamedTuple):
    """The user's settings that ``render`` takes."""

    font_dir: str | None
    seal: bool
