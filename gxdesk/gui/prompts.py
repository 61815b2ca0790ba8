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
from typing import TYPE_CHECKING, Callable, Literal, Protocol

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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, f"“{name}”有未保存的修改，是否保存？",
                          parent=self.parent)
        buttons: dict[object, Unsaved] = {
            box.addButton("保存", QMessageBox.ButtonRole.AcceptRole): "save",
            box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole): "discard",
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole): "cancel",
        }
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE,
                          f"“{name}”已在另一个 gxdesk 窗口中打开（{holder}）。", parent=self.parent)
        box.setInformativeText("两处同时修改，先保存的一方的修改会被后保存的覆盖。\n"
                               "以只读方式打开时，保存会要求另存为新文件。")
        buttons: dict[object, OpenLocked] = {
            box.addButton("只读打开", QMessageBox.ButtonRole.AcceptRole): "read_only",
            box.addButton("仍然打开", QMessageBox.ButtonRole.DestructiveRole): "open",
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole): "cancel",
        }
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

    def ask_save_conflict(self, text: str, may_overwrite: bool) -> SaveConflict:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "保存", text, parent=self.parent)
        buttons: dict[object, SaveConflict] = {}
        save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
        buttons[save_as] = "save_as"
        if may_overwrite:
            buttons[box.addButton("仍然覆盖", QMessageBox.ButtonRole.DestructiveRole)] = "overwrite"
        buttons[box.addButton("取消", QMessageBox.ButtonRole.RejectRole)] = "cancel"
        box.setDefaultButton(save_as)
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

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
        from PySide6.QtWidgets import QMessageBox

        shown = "\n".join(f"· {f.message}" for f in errors[:SHOWN_ERRORS])
        more = f"\n……另有 {len(errors) - SHOWN_ERRORS} 处" if len(errors) > SHOWN_ERRORS else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "报告还有错误",
                          f"报告还有 {len(errors)} 处错误（见「检查」面板），{doing}的报告也会有这些错误。",
                          parent=self.parent)
        box.setInformativeText(f"{shown}{more}\n\n先返回修改，还是仍然{doing}？")
        fix = box.addButton("返回修改", QMessageBox.ButtonRole.RejectRole)
        go = box.addButton(f"仍然{doing}", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(fix)
        box.exec()
        return box.clickedButton() is go

    def ask_carry_over(self, text: str, changes: list[str]) -> CarryOver:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "载入上年报告", text, parent=self.parent)
        shown = "\n".join(changes[:SHOWN_CHANGES])
        more = f"\n……另有 {len(changes) - SHOWN_CHANGES} 处" if len(changes) > SHOWN_CHANGES else ""
        box.setInformativeText(f"{shown}{more}")
        buttons: dict[object, CarryOver] = {
            box.addButton("替换为上年的数字", QMessageBox.ButtonRole.AcceptRole): "replace",
            box.addButton("保留现有数字，只作核对", QMessageBox.ButtonRole.ActionRole): "keep",
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole): "cancel",
        }
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

    def ask_join_lines(self, count: int) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "粘贴",
                          f"粘贴的文字中有 {count} 处换行在句子中间（从 PDF 或网页复制时常见），"
                          "打印出来会在行中断开。", parent=self.parent)
        box.setInformativeText("合并成完整的段落吗？（段落之间、标题和条目前的换行保留）")
        join = box.addButton("合并成段落", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("按原样粘贴", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(join)
        box.exec()
        return box.clickedButton() is join

    def ask_after_export(self, path: Path, notes: list[str]) -> AfterExport:
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Warning if notes else QMessageBox.Icon.Information
        box = QMessageBox(icon, "导出完成", f"已导出“{path.name}”\n（{path.parent}）", parent=self.parent)
        if notes:
            box.setInformativeText("请注意：\n" + "\n".join(f"· {note}" for note in notes))
        buttons: dict[object, AfterExport] = {
            box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole): "open_file",
            box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole): "open_folder",
            box.addButton("关闭", QMessageBox.ButtonRole.RejectRole): "close",
        }
        box.exec()
        return buttons.get(box.clickedButton(), "close")

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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "按数字起草", f"“{part}”已有文字。按数字起草的段落放在哪里？",
                          parent=self.parent)
        box.setInformativeText(draft)
        buttons: dict[object, DraftPlace] = {
            box.addButton("加在原有文字之后", QMessageBox.ButtonRole.AcceptRole): "append",
            box.addButton("替换原有文字", QMessageBox.ButtonRole.DestructiveRole): "replace",
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole): "cancel",
        }
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

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
