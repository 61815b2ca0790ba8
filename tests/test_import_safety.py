"""Unusable or hostile input is refused with one line of Chinese: zip bombs, XML entities,
files that are not what their name says, empty files, binary junk, folders."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gxdesk.errors import InputError
from gxdesk.importer import ImportFileError, docx_reader, import_bytes, import_file, import_text
from tests import layouts

DOCUMENT = "word/document.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XINGXIAN = Path(__file__).parent / "data" / "real" / "xingxian-2025.txt"


def _refused(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        import_file(path)
    message = str(caught.value)
    assert isinstance(caught.value, InputError)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def _zip(path: Path, entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _document_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode()


def test_a_minimal_docx_of_our_own_reads(tmp_path: Path) -> None:
    """The hand-made archives below are valid apart from what each test breaks."""
    body = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p>"
    result = import_file(_zip(tmp_path / "ok.docx", {DOCUMENT: _document_xml(body)}))
    assert result.report.text["overview"] == "正文。"


def test_zip_bomb_by_entry_count(tmp_path: Path) -> None:
    entries = {f"word/media/{i}.bin": b"" for i in range(docx_reader.MAX_ENTRIES + 1)}
    message = _refused(_zip(tmp_path / "many.docx", entries, zipfile.ZIP_STORED))
    assert "内部文件" in message


def _bomb(size: int) -> bytes:
    return b"\0" * size  # compresses about a thousandfold


def test_zip_bomb_by_compression_ratio_and_expansion(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.docx", {DOCUMENT: _document_xml(""), "word/x.bin": _bomb(docx_reader.BOMB_FLOOR + 1)})
    message = _refused(path)
    assert "word/x.bin" in message and "压缩比" in message and "倍" in message and "疑似压缩炸弹" in message
    assert f"上限 {docx_reader.MAX_RATIO} 倍" in message and f"上限 {docx_reader.BOMB_FLOOR // docx_reader.MB} MB" in message


def test_a_highly_compressed_entry_that_stays_small_is_no_bomb(tmp_path: Path) -> None:
    """Ratio alone is not a bomb: 8 MB of zeros (~1000×) beside a real document is read past."""
    body = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p>"
    path = _zip(tmp_path / "ok.docx", {DOCUMENT: _document_xml(body), "word/x.bin": _bomb(8 * 1024 * 1024)})
    assert import_file(path).report.text["overview"] == "正文。"


def test_zip_bomb_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED", 1024 * 1024)  # building 256 MB would be slow
    entries = {DOCUMENT: _document_xml(""), "word/a.bin": os.urandom(600_000), "word/b.bin": os.urandom(600_000)}
    message = _refused(_zip(tmp_path / "big.docx", entries))
    assert "解压后共 1 MB，超过 1 MB 的上限" in message


def test_limits_are_checked_before_anything_is_decompressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _zip(tmp_path / "bomb.docx", {DOCUMENT: _document_xml(""), "word/x.bin": _bomb(docx_reader.BOMB_FLOOR + 1)})
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(str(name))
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    _refused(path)
    assert opened == []


def test_xml_with_an_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
    message = _refused(_zip(tmp_path / "xxe.docx", {DOCUMENT: _document_xml(body, prolog)}))
    assert "DTD" in message and "机密内容" not in message


def test_xml_entity_expansion_is_refused(tmp_path: Path) -> None:
    prolog = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    body = "<w:p><w:r><w:t>&c;</w:t></w:r></w:p>"
    assert "DTD" in _refused(_zip(tmp_path / "laughs.docx", {DOCUMENT: _document_xml(body, prolog)}))


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(XINGXIAN.read_bytes())
    assert "不是有效的 Word 文档" in _refused(path)


def test_docx_without_a_document(tmp_path: Path) -> None:
    assert "缺少正文" in _refused(_zip(tmp_path / "empty.docx", {"readme.txt": b"hello"}))


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    assert "不是有效的 XML" in _refused(_zip(tmp_path / "broken.docx", {DOCUMENT: b"<w:document><w:body>"}))


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.html", "blank.md"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"  \n\n" if name.startswith("blank") else b"")
    assert "空文件" in _refused(path)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "不是文本文件" in _refused(path)


def test_bytes_in_no_known_encoding(tmp_path: Path) -> None:
    path = tmp_path / "junk.html"
    path.write_bytes(b"\x81\x20\xff\xfe\x80" * 100)
    assert "编码无法识别" in _refused(path)


def test_text_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    assert "没有找到政府信息公开工作年度报告的内容" in _refused(path)


def test_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "report.docx"
    folder.mkdir()
    assert "文件夹" in _refused(folder)


def test_a_missing_file(tmp_path: Path) -> None:
    assert "找不到文件" in _refused(tmp_path / "nothing.txt")


@pytest.mark.parametrize(("name", "advice"), [
    ("report.doc", "另存为 .docx"), ("report.xlsx", "可导入 PDF、.docx"), ("report.ofd", "导出为 PDF"),
    ("report", "无扩展名"), ("report.gxr", "直接打开"),
])
def test_wrong_extension(tmp_path: Path, name: str, advice: str) -> None:
    path = tmp_path / name
    path.write_bytes(XINGXIAN.read_bytes())
    assert advice in _refused(path)


def test_html_is_parsed_never_executed(large_html: str) -> None:
    """Scripts, styles and event handlers are dropped unread; figures inside them are not figures."""
    trap = ("<script>document.write('<table><tr><td>规章</td><td>1</td><td>1</td><td>1</td></tr></table>')"
            "</script><style>td:after { content: '9' }</style><img src=x onerror=\"alert(1)\">")
    page = large_html.replace("<body>", "<body>" + trap, 1)
    plain = import_bytes(large_html.encode(), "html", "a.html").report
    trapped = import_bytes(page.encode(), "html", "b.html").report
    assert trapped == plain
    assert "document.write" not in "".join(trapped.text.values())


def test_deeply_nested_html_is_refused_in_one_line() -> None:
    page = "<html><body>" + "<div>" * 20_000 + "一、总体情况" + "</div>" * 20_000 + "</body></html>"
    with pytest.raises(ImportFileError, match="嵌套超过 256 层"):  # no RecursionError
        import_bytes(page.encode(), "html", "deep.html")


def test_html_nested_as_deep_as_libxml2_allows_reads() -> None:
    page = "<html><body>" + "<div>" * 200 + "一、总体情况" + "</div>" * 200 + "</body></html>"
    result = import_bytes(page.encode(), "html", "deep.html")
    assert "未找到第三部分表格" in result.missing


def test_paste_of_nothing() -> None:
    with pytest.raises(ImportFileError, match="没有可导入的文字"):
        import_text("  \n ")


@pytest.mark.subprocess
def test_the_importer_loads_neither_qt_nor_python_docx(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    layouts.docx_document(layouts.document(_large()), path)
    code = ("import sys; from gxdesk.importer import import_file; import_file(sys.argv[1]);"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'docx', 'lxml', 'jinja2', 'reportlab')];"
            "print(heavy); sys.exit(1 if heavy else 0)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _large():  # type: ignore[no-untyped-def]
    from tests.factories import large_report

    return large_report()


@pytest.fixture
def large_html() -> str:
    return layouts.html_document(layouts.document(_large()))


def test_xml_parser_never_reaches_the_network_or_disk(tmp_path: Path) -> None:
    """Even a DTD-free document with an undeclared entity reference fails cleanly."""
    body = "<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>"
    assert "XML" in _refused(_zip(tmp_path / "ent.docx", {DOCUMENT: _document_xml(body)}))


def test_refusal_reads_the_zip_from_bytes_too() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(docx_reader.MAX_ENTRIES + 1):
            archive.writestr(f"{i}", b"")
    with pytest.raises(ImportFileError, match="内部文件"):
        import_bytes(buffer.getvalue(), "docx", "x.docx")


def _central_directory_patched(tmp_path: Path, offset: int, value: bytes) -> Path:
    """A .docx whose first central-directory entry has ``value`` written at ``offset`` of its header."""
    body = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
    data = bytearray(_zip(tmp_path / "x.docx", {DOCUMENT: _document_xml(body)}).read_bytes())
    at = data.index(b"PK\x01\x02") + offset
    data[at:at + len(value)] = value
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("offset", "value"), [
    (6, b"\x83\x00"),  # "version needed to extract" 13.1: zipfile raises NotImplementedError
    (42, b"\xff\xff\xff\x7f"),  # the local header's offset past the end: a negative seek (ValueError)
], ids=["zip version", "local header offset"])
def test_a_damaged_zip_directory_is_one_line(tmp_path: Path, offset: int, value: bytes) -> None:
    """Found by tests/test_import_fuzz_pdf.py: both ended in a traceback."""
    message = _refused(_central_directory_patched(tmp_path, offset, value))
    assert "damaged.docx" in message and ("损坏" in message or "不是有效的 Word 文档" in message)
