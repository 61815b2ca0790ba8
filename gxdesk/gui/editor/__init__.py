"""The editor: the report's tabs, tables, text and meta pages, the 检查 panel and flags."""
