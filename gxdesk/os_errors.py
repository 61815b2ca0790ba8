"""What went wrong with a file, in Chinese: the operating system's reasons, never its English.

``reason(error)`` is the reason alone ("磁盘空间已满"), from Windows' own error code
where Python gives one (``winerror``), else from ``errno``; ``failed(doing, path,
error)`` is the whole line a clerk reads: 无法保存“D:\\报告\\2025.gxr”：磁盘空间已满。
Every message about a file the program could not read or write goes through here
(gxr, render, settings, autosave, the window).
"""

from __future__ import annotations

import errno
from pathlib import Path

_READ_ONLY = "所在的磁盘或文件夹是只读的"
_NO_PERMISSION = "没有权限（文件可能是只读的，或正被其他程序使用）"
_FULL = "磁盘空间已满，请清理磁盘或换一个位置"
_TOO_LONG = "文件名或路径太长，请换一个短一些的名称或位置"
_NETWORK = "网络连接中断或共享文件夹不可用"
_IN_USE = "文件正被其他程序使用（如 Word、WPS 或 PDF 阅读器），请关闭后重试"

# errno names, looked up by name: not every platform has every one.
_ERRNO_NAMES = {
    "ENOSPC": _FULL,
    "EDQUOT": "超出了磁盘配额，请清理文件或联系管理员",
    "EACCES": _NO_PERMISSION,
    "EPERM": _NO_PERMISSION,
    "EROFS": _READ_ONLY,
    "ENAMETOOLONG": _TOO_LONG,
    "ELOOP": "符号链接层数过多（链接可能指向了自己）",
    "ENOENT": "找不到这个文件或文件夹",
    "ENOTDIR": "路径中有一部分不是文件夹",
    "EISDIR": "这是一个文件夹，不是文件",
    "EEXIST": "同名的文件已存在",
    "ENOTEMPTY": "文件夹不是空的",
    "EBUSY": _IN_USE,
    "ETXTBSY": _IN_USE,
    "EIO": "读写磁盘时出错（磁盘、U 盘或网络可能有问题）",
    "EFBIG": "文件过大，超出了系统允许的大小",
    "EMFILE": "同时打开的文件太多，请关闭一些程序后重试",
    "ENFILE": "同时打开的文件太多，请关闭一些程序后重试",
    "EINVAL": "文件名无效（可能含有系统不允许的字符）",
    "EILSEQ": "文件名含有无效的字符",
    "EXDEV": "不能在不同的磁盘之间直接替换文件",
    "ENXIO": "设备不存在或没有就绪",
    "ENODEV": "设备不存在或没有就绪",
    "EAGAIN": "文件暂时无法访问，请稍后重试",
    "ENOLCK": "无法锁定文件（文件系统不支持锁定）",
    "ENOTSUP": "文件系统不支持这项操作",
    "ETIMEDOUT": _NETWORK,
    "ESTALE": _NETWORK,
    "EHOSTDOWN": _NETWORK,
    "EHOSTUNREACH": _NETWORK,
    "ENETDOWN": _NETWORK,
    "ENETUNREACH": _NETWORK,
    "ECONNRESET": _NETWORK,
}
_BY_ERRNO: dict[int, str] = {}
for _name, _text in _ERRNO_NAMES.items():
    if hasattr(errno, _name):
        _BY_ERRNO.setdefault(getattr(errno, _name), _text)

# Windows' own codes (OSError.winerror): more precise than the errno Python derives from them.
_BY_WINERROR: dict[int, str] = {
    2: "找不到这个文件", 3: "找不到文件所在的文件夹",
    5: _NO_PERMISSION,  # ERROR_ACCESS_DENIED: also a read-only file, or one being deleted
    19: "磁盘有写保护", 21: "设备没有就绪（U 盘或光盘是否已取出？）",
    32: _IN_USE,  # ERROR_SHARING_VIOLATION
    33: "文件的一部分被其他程序锁定，请关闭其他程序后重试",
    39: _FULL, 112: _FULL,  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
    53: _NETWORK, 59: _NETWORK, 64: _NETWORK, 67: _NETWORK, 1231: _NETWORK,
    80: "同名的文件已存在", 183: "同名的文件已存在",
    123: "文件名无效（可能含有 \\ / : * ? \" < > | 等系统不允许的字符）",
    206: _TOO_LONG,  # ERROR_FILENAME_EXCED_RANGE
    225: "文件被杀毒软件拦截", 1224: "文件正被映射到内存中使用，请关闭其他程序后重试",
    1175: "无法替换原有文件（原文件可能正被使用）", 1176: "无法完成文件替换（新文件无法改名）",
    1920: _NO_PERMISSION,
}


def reason(error: OSError) -> str:
    """Why ``error`` happened, in Chinese; an unknown code is named by its number."""
    winerror = getattr(error, "winerror", None)
    if isinstance(winerror, int) and winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if error.errno in _BY_ERRNO:
        return _BY_ERRNO[error.errno]
    code = winerror if isinstance(winerror, int) else error.errno
    return f"系统错误（代码 {code}）" if code is not None else "系统错误"


def failed(doing: str, path: Path | str, error: OSError) -> str:
    """One line: 无法{doing}“{path}”：{reason}."""
    return f"无法{doing}“{path}”：{reason(error)}"
