"""Every question the window asks and every message it shows, behind one interface.

The window and its features never open a message box or a file dialog
themselves: they call the ``Prompts`` the window was given. ``QtPrompts``
asks the clerk; the tests pass an object that answers instead
(``tests/gui/conftest.py``). Dialog modules load when first asked.

Titles never name the program: Qt adds " - gxdesk" (the application's display
name) to every window title itself. File dialogs speak Chinese everywhere: on
Windows the system's own dialog (in the language of Windows), elsewhere Qt's
own dialog with Qt's Chinese translation (a desktop's native dialog would follow
the desktop's language, which on Linux is often English).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal, Protocol, TypeVar

from gxdesk.dates import chinese_datetime

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog, QWidget

    from gxdesk.autosave import Draft
    from gxdesk.gui.importing.dialog import ImportRequest
    from gxdesk.importer.summary import ImportSummary
    from gxdesk.model import CellKey
    from gxdesk.rules import Finding

APP_TITLE = "政府信息公开工作年度报告"  # Qt appends " - gxdesk"
SHOWN_ERRORS = 5  # the errors question lists this many; the 检查 panel has them all
SHOWN_CHANGES = 12  # the 上年结转 question lists this many changes (三 has 7 at most)

Unsaved = Literal["save", "discard", "cancel"]
DraftPlace = Literal["replace", "append", "cancel"]  # where a draft goes in a field that has text
# A report open in another window: open it read-only (保存 then asks for a new name), open it anyway, or not.
OpenLocked = Literal["read_only", "open", "cancel"]
# Saving would replace what must not be replaced silently: overwrite anyway, save elsewhere, or not.
SaveConflict = Literal["overwrite", "save_as", "cancel"]
# 载入上年报告 over figures already in 上年结转: replace them, keep them (and only check), or not load.
CarryOver = Literal["replace", "keep", "cancel"]
# After an export: open the file, show it in its folder, or neither.
AfterExport = Literal["open_file", "open_folder", "close"]
# For the output settings dialog: which font each role would use, and warnings about them.
DescribeFonts = Callable[[str], tuple[list[str], list[str]]]


class Prompts(Protocol):
    def ask_unsaved(self, name: str) -> Unsaved:
        """The report ``name`` has unsaved changes: save them, discard them or cancel?"""

    def ask_recover(self, draft: Draft, count: int) -> bool:
        """Recover this draft of a session that crashed (one of ``count``)? No deletes it."""

    def ask_open_locked(self, name: str, holder: str) -> OpenLocked:
        """The report ``name`` is open in another window (``holder`` says whose): how to open it?"""

    def ask_save_conflict(self, text: str, may_overwrite: bool) -> SaveConflict:
        """Saving would replace a file changed elsewhere, open elsewhere or read-only (``text`` says
        which); without ``may_overwrite`` the choices are only 另存为 and 取消."""

    def ask_open_path(self, caption: str, folder: str, kinds: str) -> Path | None: ...

    def ask_save_path(self, caption: str, suggested: Path, kinds: str) -> Path | None: ...

    def ask_open_paths(self, caption: str, folder: str, kinds: str) -> list[Path]:
        """Several files at once (汇总: the units' reports); [] when cancelled."""

    def ask_folder(self, caption: str, folder: str) -> Path | None:
        """A folder (汇总: where the units' reports are kept)."""

    def ask_despite_errors(self, errors: list[Finding], doing: str) -> bool:
        """Go on with ``doing`` (导出, 打印) although the report has these errors?"""

    def ask_carry_over(self, text: str, changes: list[str]) -> CarryOver:
        """Last year's report would change figures already typed (``changes``: one line each)."""

    def ask_join_lines(self, count: int) -> bool:
        """Pasted text has ``count`` line breaks inside paragraphs (a PDF's lines): join them?"""

    def ask_after_export(self, path: Path, notes: list[str]) -> AfterExport:
        """``path`` was written (``notes``: what to be aware of): open it, show its folder, or neither?"""

    def ask_output_settings(self, font_dir: str, seal: bool, describe: DescribeFonts) -> tuple[str, bool] | None:
        """The font folder and the seal layout as chosen, or None (cancelled)."""

    def ask_import(self, folder: str) -> ImportRequest | None:
        """Which published report to import and how to use it, or None (cancelled)."""

    def ask_text(self, title: str, label: str, text: str = "", multiline: bool = False) -> str | None:
        """A line (or, ``multiline``, a paragraph) of text, starting from ``text``; None if cancelled."""

    def ask_draft(self, part: str, draft: str) -> DraftPlace:
        """The field ``part`` already has text: replace it with ``draft``, add the draft at its end, or cancel?"""

    def inform(self, title: str, text: str) -> None: ...

    def warn(self, title: str, text: str) -> None: ...

    def show_import_summary(self, title: str, headline: str, summary: ImportSummary,
                            jump: Callable[[CellKey], None] | None) -> None:
        """What an import found (导入结果); ``jump`` shows a cell of the window, if the items lead there."""

    def show_preview(self, dialog: QPrintPreviewDialog) -> None:
        """Run the print preview until the clerk prints or closes it."""

    def show_about(self, title: str, text: str) -> None: ...


class QtPrompts:
    """The real questions: message boxes and file dialogs over ``parent``."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent
        self.summary: QWidget | None = None  # the open 导入结果, beside the window

    def ask_unsaved(self, name: str) -> Unsaved:
        return choose_button(self.parent, "question", APP_TITLE, f"“{name}”有未保存的修改，是否保存？", [
            ("保存", "accept", "save"), ("不保存", "destructive", "discard"), ("取消", "reject", "cancel")])

    def ask_recover(self, draft: Draft, count: int) -> bool:
        from PySide6.QtWidgets import QMessageBox

        when = chinese_datetime(datetime.fromtimestamp(draft.saved))
        more = f"（共有 {count} 份草稿，其余的下次启动时再询问）" if count > 1 else ""
        answer = QMessageBox.question(
            self.parent, APP_TITLE,
            f"上次程序没有正常关闭。找到“{draft.name}”在 {when} 自动保存的草稿{more}。\n\n恢复这份草稿吗？"
            "选择“否”将删除这份草稿。",
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_locked(self, name: str, holder: str) -> OpenLocked:
        return choose_button(
            self.parent, "warning", APP_TITLE, f"“{name}”已在另一个 gxdesk 窗口中打开（{holder}）。",
            [("只读打开", "accept", "read_only"), ("仍然打开", "destructive", "open"), ("取消", "reject", "cancel")],
            "两处同时修改，先保存的一方的修改会被后保存的覆盖。\n以只读方式打开时，保存会要求另存为新文件。")

    def ask_save_conflict(self, text: str, may_overwrite: bool) -> SaveConflict:
        overwrite: list[Choice[SaveConflict]] = [("仍然覆盖", "destructive", "overwrite")] if may_overwrite else []
        return choose_button(self.parent, "warning", "保存", text,
                             [("另存为…", "accept", "save_as"), *overwrite, ("取消", "reject", "cancel")],
                             default="save_as")

    def ask_open_path(self, caption: str, folder: str, kinds: str) -> Path | None:
        names = self._choose(caption, folder, kinds, "open")
        return names[0] if names else None

    def ask_save_path(self, caption: str, suggested: Path, kinds: str) -> Path | None:
        names = self._choose(caption, str(suggested), kinds, "save")
        return names[0] if names else None

    def ask_open_paths(self, caption: str, folder: str, kinds: str) -> list[Path]:
        return self._choose(caption, folder, kinds, "open_many")

    def ask_folder(self, caption: str, folder: str) -> Path | None:
        names = self._choose(caption, folder, "", "folder")
        return names[0] if names else None

    def _choose(self, caption: str, start: str, kinds: str, mode: str) -> list[Path]:
        return choose_files(self.parent, caption, start, kinds, mode)

    def ask_despite_errors(self, errors: list[Finding], doing: str) -> bool:
        shown = "\n".join(f"· {f.message}" for f in errors[:SHOWN_ERRORS])
        more = f"\n……另有 {len(errors) - SHOWN_ERRORS} 处" if len(errors) > SHOWN_ERRORS else ""
        return choose_button(
            self.parent, "warning", "报告还有错误",
            f"报告还有 {len(errors)} 处错误（见「检查」面板），{doing}的报告也会有这些错误。",
            [("返回修改", "reject", False), (f"仍然{doing}", "accept", True)],
            f"{shown}{more}\n\n先返回修改，还是仍然{doing}？", default=False)

    def ask_carry_over(self, text: str, changes: list[str]) -> CarryOver:
        more = f"\n……另有 {len(changes) - SHOWN_CHANGES} 处" if len(changes) > SHOWN_CHANGES else ""
        return choose_button(self.parent, "question", "载入上年报告", text, [
            ("替换为上年的数字", "accept", "replace"), ("保留现有数字，只作核对", "action", "keep"),
            ("取消", "reject", "cancel")], "\n".join(changes[:SHOWN_CHANGES]) + more)

    def ask_join_lines(self, count: int) -> bool:
        return choose_button(
            self.parent, "question", "粘贴",
            f"粘贴的文字中有 {count} 处换行在句子中间（从 PDF 或网页复制时常见），打印出来会在行中断开。",
            [("合并成段落", "accept", True), ("按原样粘贴", "reject", False)],
            "合并成完整的段落吗？（段落之间、标题和条目前的换行保留）", default=True)

    def ask_after_export(self, path: Path, notes: list[str]) -> AfterExport:
        return choose_button(
            self.parent, "warning" if notes else "information", "导出完成", f"已导出“{path.name}”\n（{path.parent}）",
            [("打开文件", "accept", "open_file"), ("打开所在文件夹", "action", "open_folder"),
             ("关闭", "reject", "close")],
            "请注意：\n" + "\n".join(f"· {note}" for note in notes) if notes else "")

    def ask_output_settings(self, font_dir: str, seal: bool, describe: DescribeFonts) -> tuple[str, bool] | None:
        from gxdesk.gui.outputs.settings_dialog import OutputSettingsDialog

        dialog = OutputSettingsDialog(font_dir, seal, describe, self.parent)
        return dialog.values() if dialog.exec() else None

    def ask_import(self, folder: str) -> ImportRequest | None:
        from gxdesk.gui.importing.dialog import ImportDialog

        dialog = ImportDialog(folder, self.parent)
        return dialog.request() if dialog.exec() else None

    def ask_text(self, title: str, label: str, text: str = "", multiline: bool = False) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        if multiline:
            value, ok = QInputDialog.getMultiLineText(self.parent, title, label, text)
        else:
            value, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return value if ok else None

    def ask_draft(self, part: str, draft: str) -> DraftPlace:
        return choose_button(self.parent, "question", "按数字起草", f"“{part}”已有文字。按数字起草的段落放在哪里？", [
            ("加在原有文字之后", "accept", "append"), ("替换原有文字", "destructive", "replace"),
            ("取消", "reject", "cancel")], draft)

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.parent, title, text)

    def warn(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.parent, title, text)

    def show_import_summary(self, title: str, headline: str, summary: ImportSummary,
                            jump: Callable[[CellKey], None] | None) -> None:
        from PySide6.QtCore import Qt

        from gxdesk.gui.importing.summary_dialog import ImportSummaryDialog

        if self.summary is not None:
            self.summary.close()
        dialog = ImportSummaryDialog(title, headline, summary, jump, self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "summary", None))
        self.summary = dialog
        dialog.show()  # modeless: the clerk goes down its list with the window beside it

    def show_preview(self, dialog: QPrintPreviewDialog) -> None:
        dialog.exec()

    def show_about(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self.parent, title, text)


Answer = TypeVar("Answer")
Icon = Literal["question", "warning", "information"]
Role = Literal["accept", "destructive", "action", "reject"]
Choice = tuple[str, Role, Answer]  # a button: its label, its role (placement, Esc), what it answers


def choose_button(parent: QWidget | None, icon: Icon, title: str, text: str, choices: list[Choice[Answer]],
                  informative: str = "", default: Answer | None = None) -> Answer:
    """A message box with one button per choice; the answer of the button clicked. Closing the box
    (Esc, the window's ×) answers as the "reject" button does."""
    from PySide6.QtWidgets import QMessageBox

    icons = {"question": QMessageBox.Icon.Question, "warning": QMessageBox.Icon.Warning,
             "information": QMessageBox.Icon.Information}
    roles = {"accept": QMessageBox.ButtonRole.AcceptRole, "destructive": QMessageBox.ButtonRole.DestructiveRole,
             "action": QMessageBox.ButtonRole.ActionRole, "reject": QMessageBox.ButtonRole.RejectRole}
    box = QMessageBox(icons[icon], title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    answers: dict[object, Answer] = {}
    for label, role, answer in choices:
        button = box.addButton(label, roles[role])
        answers[button] = answer
        if answer == default:
            box.setDefaultButton(button)
    box.exec()
    rejected = next(answer for _label, role, answer in choices if role == "reject")
    return answers.get(box.clickedButton(), rejected)


# The labels of Qt's own file dialog its Chinese translation lacks (Qt 6 added & to their source
# text), and the buttons, said once for every kind of dialog.
_DIALOG_LABELS = {"LookIn": "查找范围(&I)：", "FileName": "文件名(&N)：", "FileType": "文件类型(&T)：",
                  "Reject": "取消"}
_ACCEPT = {"open": "打开(&O)", "open_many": "打开(&O)", "save": "保存(&S)", "folder": "选择文件夹(&C)"}


def choose_files(parent: QWidget | None, caption: str, start: str, kinds: str, mode: str) -> list[Path]:
    """What the clerk chose in a ``file_dialog`` ([] when cancelled); for the window's own dialogs too."""
    dialog = file_dialog(parent, caption, start, kinds, mode)
    try:
        return [Path(name) for name in dialog.selectedFiles()] if dialog.exec() else []
    finally:
        dialog.deleteLater()


def file_dialog(parent: QWidget | None, caption: str, start: str, kinds: str, mode: str) -> QFileDialog:
    """A file dialog speaking Chinese: Windows' own (in the language of Windows), elsewhere Qt's
    own with Chinese labels (a Linux desktop's dialog would follow the desktop, often in English).
    ``mode``: open, open_many, save or folder; ``start``: the folder, or the file name suggested."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, caption, start, kinds)
    Mode = QFileDialog.FileMode
    dialog.setFileMode({"open": Mode.ExistingFile, "open_many": Mode.ExistingFiles, "save": Mode.AnyFile,
                        "folder": Mode.Directory}[mode])
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, False)
    if mode == "folder":
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        for label, text in {**_DIALOG_LABELS, "Accept": _ACCEPT[mode]}.items():
            dialog.setLabelText(getattr(QFileDialog.DialogLabel, label), text)
    return dialog
