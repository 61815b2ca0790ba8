"""The printed report: one template, two outputs (.docx and PDF) in one page layout.

``render(report, "报告.pdf")`` is what the CLI and the window call. The
template is rendered once into a ``Printout`` (see ``printout``; its tables
are ``tables.PrintedTable``), which the python-docx and the ReportLab writers
lay out with the same constants (``page``). Importing this package loads
neither library: each is imported when its writer runs.
"""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable

from gxdesk.atomic import atomic_write_bytes
from gxdesk.errors import InputError
from gxdesk.files import check_output
from gxdesk.model import Report
from gxdesk.os_errors import failed
from gxdesk.render.printout import Printout, TemplateError

FORMATS = (".docx", ".pdf")

__all__ = ["FORMATS", "Printout", "TemplateError", "build", "check_target", "export_time", "render", "render_bytes"]

# Set (seconds since 1970, UTC) for reproducible files: both writers date the file then, not now.
FIXED_TIME_ENV = "SOURCE_DATE_EPOCH"


def export_time() -> datetime:
    """When the file is made: now, or the fixed time of SOURCE_DATE_EPOCH when that is set."""
    fixed = os.environ.get(FIXED_TIME_ENV, "").strip()
    if fixed.isdigit():
        return datetime.fromtimestamp(int(fixed), timezone.utc)
    return datetime.now().astimezone()


def build(report: Report, template_dir: Path | str | None = None, *, seal: bool = False) -> Printout:
    """The report through the template: the pieces both writers lay out."""
    from gxdesk.render import printout, template

    markup, name = template.render_markup(report, template_dir)
    return printout.parse(markup, report, seal=seal, name=name)


def render(
    report: Report,
    out_path: Path | str,
    template_dir: Path | str | None = None,
    font_dir: Path | str | None = None,
    seal: bool = False,
) -> list[str]:
    """Write the report as .docx or .pdf (by suffix); returns notes for the user: warnings, and
    which standard face each font replaces.

    An existing file at ``out_path`` is replaced only by a complete new one, and never
    when it is read-only, a folder, a pipe or a device (refused before any work).
    Unusable input (output folder, template, font folder) raises InputError. The
    document is made in memory and then written in one go: a full disk fails the
    write with one message, and no half-written zip is left for the collector to finish.
    """
    path = Path(out_path)
    fmt = check_target(path)
    try:
        data, warnings = render_bytes(report, fmt, template_dir, font_dir, seal)
    except OSError as error:  # a font or template file that cannot be read now
        raise InputError(failed("生成", path, error)) from None
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise InputError(failed("写入", path, error)) from None
    return warnings


def render_bytes(
    report: Report,
    fmt: str,
    template_dir: Path | str | None = None,
    font_dir: Path | str | None = None,
    seal: bool = False,
) -> tuple[bytes, list[str]]:
    """The file's bytes for ``fmt`` (".docx" or ".pdf") and warnings; for previews and printing."""
    if fmt not in FORMATS:
        raise InputError(f"不支持的格式“{fmt}”，只能生成 .docx 或 .pdf")
    printed = build(report, template_dir, seal=seal)
    stream = io.BytesIO()
    warnings = _writer(fmt, font_dir)(printed, stream)
    return stream.getvalue(), warnings


def check_target(path: Path) -> str:
    """The format ``path`` asks for; InputError before any work if it cannot be written
    (not .docx/.pdf, a folder, a pipe, a read-only file, a missing folder)."""
    fmt = _format_of(path)
    check_output(path)
    return fmt


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"输出文件“{path.name}”应以 .docx 或 .pdf 结尾")
    return suffix


def _writer(fmt: str, font_dir: Path | str | None) -> Callable[[Printout, BinaryIO], list[str]]:
    """The writer for ``fmt`` with its fonts resolved; fonts are checked before anything is written.
    The .docx cuts its tables where the PDF's pages end (``pdf_writer.cuts``)."""
    from gxdesk.render import fonts, pdf_writer

    fontset = fonts.resolve(font_dir)
    when = export_time()
    if fmt == ".pdf":
        return lambda printed, stream: pdf_writer.write(printed, stream, fontset)
    from gxdesk.render import docx_writer

    return lambda printed, stream: docx_writer.write(printed, stream, fontset, when,
                                                     pdf_writer.cuts(printed, fontset))
