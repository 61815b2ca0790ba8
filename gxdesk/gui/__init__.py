"""The desktop window (PySide6). Everything it shows comes from the core; it decides nothing.

Rooms, by job (a change belongs in the room of its job):

- ``app``, ``window``: start-up, and the main window that assembles the rooms
  below. The window is the ``Host`` (``host.py``) its features use: the open
  report, the ``Prompts`` (``prompts.py``: every question and message, which
  the tests replace), the settings, the menus. It keeps what each feature's
  ``install(host, …)`` returns and passes one feature to another explicitly.
- ``document``: the open report, its undo history (core edits through one
  ``QUndoCommand``) and its findings; ``changed`` says what changed.
- ``editor/``: the report's tabs, the tables (model and view), the text and
  meta pages, the 检查 panel and how a finding flags a cell or a field.
- ``files/``: the report's file: 新建/打开/保存/另存为/查看示例, the unsaved question,
  the start (a file, a draft, the report worked on last), autosave and recovery, 最近打开,
  载入上年报告.
- ``outputs/``: 导出 Word/PDF, 打印 (the exported PDF, previewed), 字体与版式设置.
- ``importing/``: 导入已发布的报告 (the dialog and what is done with the result).
- ``summary/``: the 汇总 workspace (its own window): the units' reports collected,
  checked and added up; ``SummaryFeature.open_summary()`` opens it.
- ``start/``: the start page (新建, 打开, 最近打开, 从上年报告开始, 查看示例, and
  汇总 through ``open_summary``), shown when there is no report to reopen.
- ``help/``: 帮助 → 使用说明 (F1), the guide in ``ui/help/guide.md``.
- ``actions``: small helpers every room shares.

A new window feature is a module in its room with ``install(host: Host, …)``;
the window calls it in ``MainWindow._install_features`` and keeps the result.
"""
