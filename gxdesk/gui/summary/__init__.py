"""The 汇总 workspace: the county office collects, checks and adds up its units' reports.

- ``feature``: ``install(host, files) -> SummaryFeature`` puts 文件 → 汇总各单位报告 in
  the menu; ``SummaryFeature.open_summary()`` is the entry the start page calls.
- ``window``: ``SummaryWindow``, the workspace (its own window beside the editor).
- ``units_model``: the unit list (status colours 已报 / 未报 / 有错误 / 有提醒).
- ``loader``: reading the files off the GUI thread (``gxdesk.summary.gather`` in a QThread).

Everything it shows comes from ``gxdesk.summary``; it decides nothing.
"""
