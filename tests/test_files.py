"""The shared refusals before a file is read or written: pipes, devices, folders, read-only files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gxdesk.errors import InputError
from gxdesk.files import Fingerprint, ReadOnlyFileError, check_output, is_read_only, read_limited
from tests.fuzzing import within

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


@fifo_only
def test_a_fifo_is_neither_read_nor_written(tmp_path: Path) -> None:
    pipe = tmp_path / "report.gxr"
    os.mkfifo(pipe)
    with within(5), pytest.raises(InputError, match="不是普通文件"):
        read_limited(pipe, 100, InputError, "过大")
    with within(5), pytest.raises(InputError, match="不是普通文件（可能是管道或设备），没有写入"):
        check_output(pipe)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_behind_a_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "out.pdf"
    link.symlink_to("/dev/zero")
    with within(5), pytest.raises(InputError, match="不是普通文件"):
        check_output(link)
    with within(5), pytest.raises(InputError, match="不是普通文件"):
        read_limited(link, 100, InputError, "过大")


def test_a_link_loop_is_said_in_chinese(tmp_path: Path) -> None:
    loop = tmp_path / "loop.gxr"
    loop.symlink_to(loop)
    with pytest.raises(InputError) as read:
        read_limited(loop, 100, InputError, "过大")
    with pytest.raises(InputError) as written:
        check_output(loop, doing="保存")
    assert str(read.value) == f"无法读取“{loop}”：符号链接层数过多（链接可能指向了自己）"
    assert str(written.value) == f"无法保存“{loop}”：符号链接层数过多（链接可能指向了自己）"


def test_a_read_only_file_is_not_replaced_even_by_an_administrator(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"%PDF-")
    out.chmod(0o444)  # root may write it all the same: the mode bits decide, not the user
    assert is_read_only(out)
    with pytest.raises(ReadOnlyFileError, match="是只读文件，没有覆盖"):
        check_output(out)
    out.chmod(0o644)
    check_output(out)


def test_folders_and_missing_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="是文件夹"):
        check_output(tmp_path)
    with pytest.raises(InputError, match="不存在"):
        check_output(tmp_path / "none" / "r.pdf")
    check_output(tmp_path / "new.pdf")  # a new file is fine


def test_a_long_name_is_said_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件名或路径太长"):
        read_limited(tmp_path / ("长" * 200 + ".gxr"), 100, InputError, "过大")


def test_a_fingerprint_tells_a_change_from_a_touch(tmp_path: Path) -> None:
    path = tmp_path / "r.gxr"
    path.write_bytes(b"one")
    print_ = Fingerprint.read(path)
    assert print_ is not None and not print_.changed(path)
    os.utime(path, ns=(1, 1))  # touched, same content
    assert not print_.changed(path)
    path.write_bytes(b"two")
    assert print_.changed(path)
    path.unlink()
    assert not print_.changed(path)  # gone: nothing there to overwrite
