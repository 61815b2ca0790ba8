"""The operating system's reasons, said in Chinese, the path kept: never its English strerror."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from gxdesk.os_errors import failed, reason

ENGLISH = re.compile(r"[A-Za-z]{3,}")
NAMES = {"Word", "WPS", "PDF"}  # programs a clerk knows by these names

# Each errno the probe saw (or a clerk will), with a word the Chinese must contain.
SEEN = [
    (errno.ENOSPC, "磁盘空间已满"), (errno.ELOOP, "符号链接"), (errno.EACCES, "没有权限"),
    (errno.EPERM, "没有权限"), (errno.EROFS, "只读"), (errno.ENAMETOOLONG, "太长"), (errno.ENOENT, "找不到"),
    (errno.ENOTDIR, "不是文件夹"), (errno.EISDIR, "文件夹"), (errno.EIO, "读写磁盘时出错"), (errno.EFBIG, "过大"),
    (errno.EMFILE, "太多"), (errno.EINVAL, "无效"), (errno.EXDEV, "不同的磁盘"), (errno.EBUSY, "正被其他程序使用"),
]


@pytest.mark.parametrize(("code", "word"), SEEN)
def test_each_reason_is_chinese(code: int, word: str) -> None:
    error = OSError(code, os.strerror(code), "/报告/2025.gxr")
    assert word in reason(error)
    assert set(ENGLISH.findall(reason(error))) <= NAMES, reason(error)


def test_the_line_keeps_the_path() -> None:
    error = OSError(errno.ENOSPC, "No space left on device")
    assert failed("保存", Path("/home/clerk/报告.gxr"), error) == \
        "无法保存“/home/clerk/报告.gxr”：磁盘空间已满，请清理磁盘或换一个位置"


@pytest.mark.parametrize(("winerror", "word"), [(32, "正被其他程序使用"), (112, "磁盘空间已满"), (206, "太长"),
                                                (5, "没有权限"), (21, "U 盘"), (64, "网络"), (123, "文件名无效")])
def test_windows_codes_win_over_the_derived_errno(winerror: int, word: str) -> None:
    error = OSError(errno.EACCES, "The process cannot access the file")
    error.winerror = winerror  # what Python sets on Windows
    assert word in reason(error)


def test_an_unknown_code_is_named_by_its_number_not_in_english() -> None:
    assert reason(OSError(98765, "Something odd")) == "系统错误（代码 98765）"
    assert reason(OSError("no code at all")) == "系统错误"
