"""``gxdesk``: the command line, the core's front door.

``gxdesk`` alone, or with a report file, opens the window; the subcommands
run the same core code the window does. Unusable input exits 2 with one line
on stderr; the modules of the subcommands import their heavy parts lazily.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import TYPE_CHECKING, NoReturn, Sequence

from gxdesk.errors import InputError
from gxdesk.text import quoted

if TYPE_CHECKING:
    import argparse

# Subcommand name → module with add_arguments(parser) and run(args) -> int.
COMMANDS = {
    "new": "gxdesk.cli.new",
    "check": "gxdesk.cli.check",
    "render": "gxdesk.cli.render",
    "import": "gxdesk.cli.import_",
    "merge": "gxdesk.cli.merge",
    "draft": "gxdesk.cli.draft",
}


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the process's own streams; a caller's (tests, scripts) are left alone
        safe_output()
    try:
        return _main(argv)
    finally:
        if argv is None:
            # The process's own command line: it ends now. Its objects need no more searching for
            # cycles, and the search at exit would cost ~25 ms after a PDF.
            gc.freeze()


def safe_output() -> None:
    """Make printing Chinese safe on any console, file or pipe.

    Redirected on a Windows whose code page has no Chinese (cp1252, say), stdout's encoding
    cannot write our messages and print() raised UnicodeEncodeError. Such a stream writes UTF-8
    instead, which keeps every character; a stream whose encoding has Chinese (cp936, UTF-8)
    keeps it. Either way a character it still lacks (an emoji in GBK, a stray surrogate from a
    file name) is replaced rather than fatal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # no stream at all (pythonw) or not a text file
            continue
        try:
            "政府信息公开年度报告".encode(stream.encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure(encoding="utf-8", errors="replace")
        else:
            reconfigure(errors="replace")


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
        return open_window(args)
    # Only the subcommand asked for is set up (and its module imported); --help lists them all.
    # The collector is off meanwhile: the imports' many new objects are no garbage, and its passes
    # over them cost a command ~6 ms before it starts.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = build_parser(args[0] if args[0] in COMMANDS else None)
        namespace = parser.parse_args(args)
    finally:
        if collecting:
            gc.enable()
    if namespace.version:
        import gxdesk  # __version__ is looked up only here: importlib.metadata is slow to load

        print(f"gxdesk {gxdesk.__version__}")
        return 0
    if namespace.command is None:
        parser.print_help()
        return 2
    try:
        status = int(namespace.run(namespace))
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return status
    except InputError as error:
        print(f"gxdesk: {quoted(str(error))}", file=sys.stderr)  # one line, whatever a file name holds
        return 2
    except BrokenPipeError:  # the reader went away (| head): no more output, and no traceback at exit
        _silence_stdout()
        return 141  # as a process ended by SIGPIPE
    except OSError as error:  # a file the command reached without one of the core's own checks: still one line
        from gxdesk.os_errors import failed

        print(f"gxdesk: {quoted(failed('访问', error.filename or '文件', error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    import argparse  # here, not at the top: the window's start-up does not need it

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            """A mistyped command line is unusable input too: one line, exit 2 (the usage is --help's)."""
            self.exit(2, f"gxdesk: {_argparse_chinese(message)}（用 {self.prog} --help 查看用法）\n")

    parser = Parser(
        prog="gxdesk", description="政府信息公开工作年度报告：填写、核对、生成。不带参数时打开窗口。"
    )
    parser.add_argument("--version", action="store_true", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, module_name in COMMANDS.items():
        if only and name != only:
            continue
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


# argparse's messages (it has no Chinese of its own), the ones a mistyped command line gets.
_ARGPARSE = (
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (\S+): ignored explicit argument (.*)", r"参数 \1 不接受值 \2"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 不能是 \2，可选：\3"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是：\2"),
)


def _argparse_chinese(message: str) -> str:
    import re

    for english, chinese in _ARGPARSE:
        if re.fullmatch(english, message):
            return re.sub(english, chinese, message)
    return message


def open_window(args: Sequence[str]) -> int:
    if len(args) > 1:
        print("gxdesk: 一次只能打开一个报告文件", file=sys.stderr)
        return 2
    # No cycle collection until the first paint (gxdesk.gui.app.run turns it back on): the
    # start-up makes ~35 000 objects and only a few hundred of them garbage; ~70 passes cost ~10 ms.
    gc.disable()
    # Imported only here: the subcommands never load Qt. First the quicker check of imports
    # (gxdesk.gui.feature_check), for the ~85 modules the window imports after it.
    importlib.import_module("gxdesk.gui.feature_check").install()
    app = importlib.import_module("gxdesk.gui.app")
    return int(app.run(args[0] if args else None))


def parse_year(text: str) -> int:
    """A --year argument as typed (full-width digits too); InputError saying why otherwise."""
    from gxdesk.numbers import NumberError, parse_count
    from gxdesk.schema import YEAR_MAX, YEAR_MIN

    try:
        year = parse_count(text)
    except NumberError as error:
        raise InputError(f"报告年度{error}") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InputError(f"报告年度应在 {YEAR_MIN}–{YEAR_MAX} 之间，收到的是 {text}")
    return year


def main_window() -> int:
    """Entry point of ``gxdeskw`` (no console on Windows): only ever the window."""
    return open_window(sys.argv[1:2])
