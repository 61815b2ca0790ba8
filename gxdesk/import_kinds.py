"""The files ``gxdesk import`` reads, by suffix: here, apart from the importer, so that the
window can tell a dropped report from other files without loading the importer."""

from __future__ import annotations

SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
}
