"""LibreOffice headless: a real office suite opening our .docx (tests, samples, benchmarks).

Each conversion uses a private profile (works as root and in parallel) and a
fontconfig file that maps the Windows font names the .docx asks for (仿宋,
黑体, 楷体, 宋体) to the TrueType CJK fonts of this machine, the way a clerk's
Windows would supply the real ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from gxdesk.render import fonts

# The .docx names these; fontconfig knows none of them on Linux.
ALIASES = {
    "仿宋": fonts.FontRole.BODY, "仿宋_GB2312": fonts.FontRole.BODY, "黑体": fonts.FontRole.HEADING,
    "楷体": fonts.FontRole.KAI, "楷体_GB2312": fonts.FontRole.KAI, "宋体": fonts.FontRole.SONG,
    "方正小标宋简体": fonts.FontRole.TITLE,
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fontconfig(directory: Path) -> Path:
    fontset = fonts.resolve()
    rules = []
    for alias, role in ALIASES.items():
        face = fontset[role].face
        if face is not None:
            family = face.families[-1]  # the English name fontconfig also knows
            rules.append(f"<alias binding=\"same\"><family>{alias}</family><prefer><family>{family}</family>"
                         "</prefer></alias>")
    path = directory / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" + "".join(rules) + "</fontconfig>",
        encoding="utf-8",
    )
    return path


def convert_to_pdf(docx: Path, outdir: Path, timeout: float = 180, profile: Path | None = None) -> Path:
    """``soffice --headless --convert-to pdf``; the converted PDF's path.

    ``profile`` keeps LibreOffice's user profile between runs (a warm start,
    as on a desktop that has run it before); by default it is a fresh one.
    """
    return convert_all([docx], outdir, timeout, profile)[0]


def convert_all(documents: list[Path], outdir: Path, timeout: float = 300, profile: Path | None = None) -> list[Path]:
    """Several documents converted by one LibreOffice run (it starts once); the PDFs' paths."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("soffice not found")
    with tempfile.TemporaryDirectory(prefix="gxdesk-lo-") as scratch:
        home = profile or Path(scratch)
        home.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(home)))
        subprocess.run(
            [binary, f"-env:UserInstallation={(home / 'user').as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)],
            check=True, capture_output=True, timeout=timeout, env=env,
        )
    results = [outdir / (docx.stem + ".pdf") for docx in documents]
    for docx, result in zip(documents, results, strict=True):
        if not result.is_file():
            raise RuntimeError(f"LibreOffice produced no PDF for {docx}")
    return results
