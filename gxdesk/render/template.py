"""Jinja renders the report once, into the markup ``printout.parse`` reads.

The templates are the user's to edit (copy ``templates/`` and pass
``--template DIR``): they hold the wording and the order. Labels, headings,
the standard title, the sub-heading numbers and the tables come from
``gxdesk.schema`` through the context, never spelled in a template. Every
value printed with ``{{ }}`` is escaped and its line breaks become ``<br/>``,
so user text prints exactly as typed; a broken template raises
``TemplateError`` with one Chinese line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from gxdesk import schema
from gxdesk.model import Report
from gxdesk.numbers import chinese_number, item_mark
from gxdesk.os_errors import failed
from gxdesk.render.printout import TemplateError
from gxdesk.resources import asset_dir
from gxdesk.text import clean_text

TEMPLATE_NAME = "report.xml.j2"

# Characters XML 1.0 cannot carry (and lone surrogates, which no file can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")


def render_markup(report: Report, template_dir: Path | str | None = None) -> tuple[str, str]:
    """The template's output for ``report`` and the template's name for messages."""
    import jinja2

    folder = Path(template_dir) if template_dir else asset_dir("templates")
    name = f"模板“{folder / TEMPLATE_NAME}”" if template_dir else "内置模板"
    if not (folder / TEMPLATE_NAME).is_file():
        raise TemplateError(f"模板文件夹“{folder}”中没有 {TEMPLATE_NAME}")
    try:
        template = _environment(str(folder.resolve())).get_template(TEMPLATE_NAME)
        return template.render(context(report)), name
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{name}第 {error.lineno} 行有语法错误：{error.message}") from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"{name}无法生成报告：{error}") from None
    except (TypeError, ValueError, LookupError, AttributeError, ArithmeticError) as error:
        raise TemplateError(f"{name}无法生成报告：{error}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{name}不是 UTF-8 文本") from None
    except OSError as error:  # unreadable now (permissions, a share gone)
        raise TemplateError(failed("读取", folder / TEMPLATE_NAME, error)) from None


@lru_cache(maxsize=4)
def _environment(folder: str) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: a template passed around between offices cannot reach the file system.
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder, encoding="utf-8"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_printed,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["cn"] = chinese_number
    return env


BYTECODE_ENTRIES = 16  # compiled templates kept: the built-in one and a few copies a user made


def _bytecode_cache() -> Any:
    """Compiled templates kept between runs in the user's cache folder (a first render compiles
    the template, ~10 ms). Jinja uses an entry only while the template's source is unchanged; one
    it cannot read is compiled again, and one it cannot write is simply not kept. The folder is the
    user's, as the program's own files are (a per-user install), so its code is trusted as theirs."""
    import jinja2

    from gxdesk.render import cache
    from gxdesk.userdirs import cache_dir

    class Cache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged entry: compile again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
                cache.prune(Path(self.directory), "__jinja2_*.cache", BYTECODE_ENTRIES, 16 << 20)
            except OSError:
                pass

    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Cache(str(folder))


def _printed(value: Any) -> Any:
    """Every ``{{ value }}``: escaped, XML-safe, line breaks as <br/>."""
    from markupsafe import Markup, escape

    if isinstance(value, Markup):
        return value
    text = _NOT_XML.sub("", clean_text(str(value)))
    return Markup(str(escape(text)).replace("\t", "&#9;").replace("\n", "<br/>"))


def paragraphs(text: str) -> list[str]:
    """A blank line starts a new paragraph; single line breaks stay inside it."""
    text = clean_text(text).strip()
    return [p.strip(" \t\u3000\n") for p in _PARAGRAPH_BREAK.split(text)] if text else []


def print_date(iso: str) -> str:
    """2026-01-26 → 2026年1月26日; "" stays ""."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def context(report: Report) -> dict[str, Any]:
    """What a template sees: plain values only, labels straight from the schema."""
    from markupsafe import Markup

    text = {part: report.text.get(part, "") for part in schema.TEXT_IDS}

    def parts(section: str) -> list[dict[str, str]]:
        """The titled text parts of a section that have text, in order, numbered （一）, （二）…"""
        filled = [p for p in schema.TEXT_PARTS if p.section == section and p.title and text[p.id].strip()]
        return [
            {"id": p.id, "number": item_mark(i), "title": p.title, "text": text[p.id]}
            for i, p in enumerate(filled, start=1)
        ]

    wbr = Markup("<wbr/>")
    standard_title = wbr.join(_printed(word) for word in schema.standard_title_words(report.organ, report.year))
    return {
        "organ": report.organ,
        "year": report.year,
        "title": report.title,
        # Printed as is; a long one breaks between its words (<wbr/>) into the balanced shape.
        "standard_title": standard_title,
        "doc_number": report.doc_number,
        "date": print_date(report.date),
        "sections": {s.id: s.heading for s in schema.SECTIONS},
        "tables": {t.section: t.id for t in schema.TABLES},
        "text": text,
        "parts": parts,
    }
