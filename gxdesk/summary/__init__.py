"""汇总: a county office collects every unit's report, sees who is missing, checks and adds up.

The pieces, each a module with one job (Qt-free; the CLI ``gxdesk merge`` and
the window's 汇总 workspace both call them):

- ``identity``: which unit a report is from (its organ name, normalised).
- ``sources``: the input files (.gxr, and reports as published: .docx, .pdf,
  .html, .txt), found in folders and read through the importer.
- ``roster``: the units expected, from a text file or last year's 汇总 file.
- ``similar``: narrative text copied between units (内容雷同), through an index.
- ``analyse``: everything put together → a ``Summary``: each unit's status and
  findings, missing / unexpected / duplicate / other-year units, copied text
  and tables, the sum (``merge.merge``) and how an existing aggregate differs.
- ``file``: the 汇总 file (.gxs, docs/summary-file.md), so the work goes on tomorrow.
- ``breakdown``: the breakdown workbook (.xlsx, openpyxl loaded on use).
"""
