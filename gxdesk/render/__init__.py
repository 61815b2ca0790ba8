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

from gxdesk.atomic import atomic_write
from gxdesk.errors import InputError
from gxdesk.model import Report
from gxdesk.render.printout import Printout, TemplateError

FORMATS = (".docx", ".pdf")

__all__ = ["FORMATS", "Printout", "TemplateError", "build", "export_time", "render", "render_bytes"]

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

    An existing file at ``out_path`` is replaced only by a complete new one.
    Unusable input (output folder, template, font folder) raises InputError.
    """
    path = Path(out_path)
    fmt = _format_of(path)
    if path.is_dir():
        raise InputError(f"“{path}”是文件夹，请给出要生成的文件名")
    if not path.parent.is_dir():
        raise InputError(f"文件夹“{path.parent}”不存在")
    printed = build(report, template_dir, seal=seal)
    write = _writer(fmt, font_dir)
    warnings: list[str] = []

    def fill(stream: BinaryIO) -> None:
        warnings.extend(write(printed, stream))

    try:
        atomic_write(path, fill)
    except PermissionError:
        raise InputError(f"没有权限写入“{path}”（文件是否正在 Word 或 PDF 阅读器中打开？）") from None
    except OSError as error:
        raise InputError(f"无法写入“{path}”：{error.strerror or error}") from None
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
