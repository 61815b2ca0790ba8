"""Import sources a probe used to hang, crash or fool the importer (issue 10), each reproduced:
through the real command line where the failure was the command's, with a timeout, so a
hang fails the test instead of stopping the suite."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gxdesk import gxr
from gxdesk.importer import ImportFileError, docx_reader, import_bytes, import_file, import_stream, limits
from gxdesk.render import render
from tests import layouts
from tests.factories import large_report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TIMEOUT = 60  # seconds; each of these finishes in well under 5


def gxdesk(*args: str, cwd: Path, stdin: object = subprocess.DEVNULL, shell_prefix: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "gxdesk", *args]
    if shell_prefix:  # e.g. close standard input before starting
        command = ["bash", "-c", f'{shell_prefix} exec "$@"', "bash", *command]
    return subprocess.run(command, cwd=cwd, stdin=stdin, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)


def assert_refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("gxdesk: ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# --- Non-regular files -------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("name", ["report.txt", "report.docx", "report.pdf", "report.html"])
@pytest.mark.subprocess
def test_a_fifo_as_source_is_refused_not_waited_on(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    done = gxdesk("import", name, "-o", "out.gxr", cwd=tmp_path)
    assert_refused(done, "不是普通文件")
    assert not (tmp_path / "out.gxr").exists()


def test_a_device_behind_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(ImportFileError, match="不是普通文件"):
        import_file(tmp_path / "zero.txt")


# --- Standard input ----------------------------------------------------------------------------


@pytest.mark.subprocess
def test_closed_stdin_is_one_line(tmp_path: Path) -> None:
    done = gxdesk("import", "-", "-o", "out.gxr", cwd=tmp_path, stdin=None, shell_prefix="exec 0<&-;")
    assert_refused(done, "标准输入")
    assert not (tmp_path / "out.gxr").exists()


def test_stdin_over_the_text_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    class Endless:
        def __init__(self) -> None:
            self.read_sizes: list[int] = []

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "an unbounded read"
            self.read_sizes.append(size)
            return b"x" * size

    stream = Endless()
    with pytest.raises(ImportFileError, match="超过 8 MB"):
        import_stream(stream)  # type: ignore[arg-type]
    assert stream.read_sizes == [limits.MAX_BYTES["text"] + 1]


@pytest.mark.subprocess
def test_stdin_over_the_limit_through_the_command(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (limits.MAX_BYTES["text"] + 10))
    with big.open("rb") as stream:
        done = gxdesk("import", "-", "-o", "out.gxr", cwd=tmp_path, stdin=stream)
    assert_refused(done, "超过 8 MB")
    assert not (tmp_path / "out.gxr").exists()


# --- Sizes: refused before reading, and the readers linear within the limits -----------------------


@pytest.mark.parametrize(("name", "kind"), [("big.txt", "text"), ("big.html", "html")])
@pytest.mark.subprocess
def test_a_source_over_its_size_limit_is_refused_unread(tmp_path: Path, name: str, kind: str) -> None:
    path = tmp_path / name
    with path.open("wb") as out:  # sparse: no 60 MB written to the disk
        out.truncate(limits.MAX_BYTES[kind] + 1)
    done = gxdesk("import", name, "-o", "out.gxr", cwd=tmp_path)
    assert_refused(done, f"超过 {limits.MAX_BYTES[kind] // limits.MB} MB")


def _rows_page(rows: int) -> bytes:
    cells = "".join(f"<tr><td>第{i}行</td><td>{i}</td><td>{i + 1}</td></tr>" for i in range(rows))
    return ("<html><body><h1>某局2025年政府信息公开工作年度报告</h1><h2>一、总体情况</h2>"
            f"<table>{cells}</table></body></html>").encode()


@pytest.mark.subprocess
def test_a_page_with_more_rows_than_a_report_is_refused(tmp_path: Path) -> None:
    (tmp_path / "rows.html").write_bytes(_rows_page(limits.MAX_LINES + 1))  # 1 MB; 100k rows took 42 s
    done = gxdesk("import", "rows.html", "-o", "out.gxr", cwd=tmp_path)
    assert_refused(done, "行", "上限")


def test_pasted_text_meets_the_same_limits() -> None:
    from gxdesk.importer import import_html, import_text

    huge = "一、总体情况\n" + "字" * (limits.MAX_CHARS + 1)
    for paste in (import_text, import_html):
        with pytest.raises(ImportFileError, match="上限"):
            paste(huge)


# --- Encodings named by a page; characters no writer can take --------------------------------------


def _page(organ: str, charset: str) -> str:
    report = large_report()
    report.organ = organ
    return layouts.html_document(layouts.document(report), charset=charset)


@pytest.mark.parametrize("charset", ["unicode_escape", "raw_unicode_escape", "rot13", "zlib", "utf-7"])
@pytest.mark.subprocess
def test_an_exotic_codec_named_by_the_page_is_not_used(tmp_path: Path, charset: str) -> None:
    # Under unicode_escape, "\udfff" in the page's bytes would decode to a lone surrogate.
    page = _page("某县\\udfff市场监督管理局", charset).encode("utf-8")
    (tmp_path / "page.html").write_bytes(page)
    done = gxdesk("import", "page.html", "-o", "out.gxr", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    saved = gxr.load(tmp_path / "out.gxr")
    assert saved.organ == "某县\\udfff市场监督管理局"  # read as UTF-8: the backslash is text
    render(saved, tmp_path / "out.docx")
    assert (tmp_path / "out.docx").stat().st_size > 0


@pytest.mark.parametrize("bad", ["\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"])
def test_characters_no_writer_can_take_never_reach_the_report(tmp_path: Path, bad: str) -> None:
    from gxdesk.importer import import_html

    page = _page(f"某县{bad}市场监督管理局", "utf-8")
    results = [import_html(page)]  # the window's paste of a browser's HTML: a str, surrogates and all
    if not "\ud800" <= bad <= "\udfff":  # bytes cannot hold a lone surrogate in any web encoding
        results.append(import_bytes(page.encode("utf-8"), "html", "page.html"))
    for result in results:
        texts = [result.report.organ, *result.report.text.values()]
        assert not any(bad in text for text in texts)
        assert result.report.organ in ("某县市场监督管理局", "某县\ufffd市场监督管理局")
        gxr.save(result.report, tmp_path / "out.gxr")  # a lone surrogate would fail here
        render(result.report, tmp_path / "out.docx")  # an XML-incompatible character here
        assert gxr.load(tmp_path / "out.gxr").organ == result.report.organ
        (tmp_path / "out.gxr").unlink()


def test_surrogates_in_pasted_text_are_replaced() -> None:
    from gxdesk.importer import import_text

    text = layouts.text_document(layouts.document(large_report())).replace("测试县", "测试\udfff县", 1)
    assert import_text(text).report.organ == "测试\ufffd县人民政府办公室"


# --- .docx: nesting, DTDs in any encoding, a genuine but repetitive document -------------------------


def _docx(path: Path, document: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
    return path


def _document(body: str, prolog: str = "", encoding: str = "UTF-8") -> bytes:
    return (f'<?xml version="1.0" encoding="{encoding}"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode(encoding.lower())


@pytest.mark.parametrize(("what", "body"), [
    ("content controls", "<w:sdt><w:sdtContent>" * 5000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 5000),
    ("runs", "<w:p>" + "<w:r>" * 5000 + "<w:t>x</w:t>" + "</w:r>" * 5000 + "</w:p>"),
    ("tables", "<w:tbl><w:tr><w:tc>" * 2000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 2000),
], ids=["content controls", "runs", "tables"])
@pytest.mark.subprocess
def test_deeply_nested_docx_is_refused_in_one_line(tmp_path: Path, what: str, body: str) -> None:
    _docx(tmp_path / "deep.docx", _document(body))
    done = gxdesk("import", "deep.docx", "-o", "out.gxr", cwd=tmp_path)
    assert_refused(done, "嵌套超过", f"{docx_reader.MAX_DEPTH} 层")


def test_nesting_a_real_document_uses_is_read() -> None:
    body = "<w:sdt><w:sdtContent>" * 10 + "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 10
    lines = docx_reader.docx_lines(_zip_bytes(_document(body)), "x.docx")
    assert [line.cells for line in lines] == [("一、总体情况",)]


def _zip_bytes(document: bytes) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


_ENTITY = '<!DOCTYPE w:document [<!ENTITY organ "注入的机关名称">]>'
_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "' + "a" * 1000 + '">'
           '<!ENTITY b "' + "&a;" * 1000 + '">]>')


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE"])
@pytest.mark.parametrize("prolog", [_ENTITY, _LAUGHS], ids=["internal entity", "quadratic blowup"])
@pytest.mark.subprocess
def test_a_dtd_is_refused_whatever_the_encoding(tmp_path: Path, encoding: str, prolog: str) -> None:
    reference = "&organ;" if prolog is _ENTITY else "&b;"
    body = f"<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>{reference}</w:t></w:r></w:p>"
    document = _document(body, prolog, encoding)
    if encoding == "UTF-16":
        assert document[:2] in (b"\xff\xfe", b"\xfe\xff")
    _docx(tmp_path / "dtd.docx", document)
    done = gxdesk("import", "dtd.docx", "-o", "out.gxr", cwd=tmp_path)
    assert_refused(done, "DTD")
    assert "注入" not in done.stderr and not (tmp_path / "out.gxr").exists()


def test_a_utf16_document_without_a_dtd_is_read(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p>"
    result = import_file(_docx(tmp_path / "u16.docx", _document(body, encoding="UTF-16")))
    assert result.report.text["overview"] == "正文。"


def test_a_genuine_but_repetitive_30_mb_document_is_no_bomb(tmp_path: Path) -> None:
    """Word writes each run with its formatting; a long report's document.xml can be tens of MB of
    near-repetition compressing hundreds of times. It is read, not refused as a bomb."""
    source = tmp_path / "report.docx"
    report = large_report()
    layouts.docx_document(layouts.document(report), source)
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    formatting = ('<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>'
                  '<w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve"></w:t></w:r>')
    padding = formatting * (30 * 1024 * 1024 // len(formatting.encode()))
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace("<w:body>", "<w:body><w:p>" + padding + "</w:p>", 1).encode()
    with zipfile.ZipFile(tmp_path / "long.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(tmp_path / "long.docx") as archive:
        info = archive.getinfo("word/document.xml")
        assert info.file_size > 30 * 1024 * 1024 and info.file_size / info.compress_size > 200
    result = import_file(tmp_path / "long.docx")
    assert result.report.cells == report.cells
