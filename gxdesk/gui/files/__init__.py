"""The report's file: opening, saving, the first start, autosave, recent files, last year's report."""
