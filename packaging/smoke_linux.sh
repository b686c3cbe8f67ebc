#!/usr/bin/env bash
# Builds the Linux one-folder application with the same build_installer.spec and smoke-tests
# it: the fastest check that the spec still collects everything the program imports.
#
#   packaging/smoke_linux.sh            # build dist/linux/MediationDesk, then test it
#   packaging/smoke_linux.sh FOLDER     # test a folder already built
#
# Steps (one line each; a failing step prints its output and fails the script): the CLI's
# --help, init, demo, a PDF document whose CJK font pdffonts shows embedded, and the GUI
# started offscreen until its first case rows appear.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$PATH:$HOME/.local/bin" UV_PYTHON_DOWNLOADS=never
PYINSTALLER=$(grep -E '^pyinstaller(-hooks-contrib)?==' "$ROOT/packaging/build-requirements.txt")
GUI_TIMEOUT=${SMOKE_GUI_TIMEOUT:-120}

if [ $# -eq 0 ]; then
  mkdir -p "$ROOT/build/linux"
  log="$ROOT/build/linux/build.log"
  start=$(date +%s)
  # PyInstaller beside the project's environment for this run only (uv sync would remove it)
  # shellcheck disable=SC2046
  if ! (cd "$ROOT" && uv run --quiet --extra test $(printf -- '--with %s ' $PYINSTALLER) \
          pyinstaller --noconfirm --log-level WARN --distpath dist/linux --workpath build/linux \
          build_installer.spec) >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "smoke_linux: build FAILED; log: $log"
    exit 1
  fi
  echo "smoke_linux: built dist/linux/MediationDesk in $(( $(date +%s) - start )) s," \
       "$(du -sm "$ROOT/dist/linux/MediationDesk" | cut -f1) MB"
  APP="$ROOT/dist/linux/MediationDesk"
else
  APP=$(realpath "$1")
fi

TMP=$(mktemp -d -t mediation-desk-smoke-linux.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export MEDIATION_DESK_HOME="$TMP/home" QT_QPA_PLATFORM=offscreen
mkdir -p "$MEDIATION_DESK_HOME" "$TMP/work"
cd "$TMP/work"
OUT="$TMP/out"
n=0
step() {  # step NAME FUNCTION: under set -e in a subshell; its output printed if it fails
  local name=$1 rc
  shift
  n=$((n + 1))
  set +e
  (set -e; "$@") </dev/null >"$OUT" 2>&1
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "smoke_linux: step $n FAILED: $name (exit $rc)"
    sed 's/^/    /' "$OUT"
    exit 1
  fi
  echo "smoke_linux: step $n ok: $name"
}
cli() { "$APP/mediation-desk" "$@"; }

help_text() {
  cli --help | tee "$TMP/help"
  grep -q "调解工作台" "$TMP/help"
}
init_desk() {
  MEDIATION_DESK_USER=王法官 MEDIATION_DESK_PASSWORD=fayuan-2026 \
    cli init --db court.db --kind court --center-code ZDFY --center-name 张店区人民法院
}
demo_desk() {
  MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo cli demo --db demo.db --cases 120
}
agreement_pdf() {
  export MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo
  agreed=$(cli cases --db demo.db --status agreed --limit 1 2>/dev/null | cut -f1)
  [ -n "$agreed" ]
  cli document --db demo.db --case "$agreed" --kind agreement --out 协议书.pdf
  pdffonts 协议书.pdf | tee "$TMP/fonts"
  awk 'NR > 2 && $(NF-4) == "yes"' "$TMP/fonts" | grep -q .
}
gui_first_rows() {
  MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo \
    timeout "$GUI_TIMEOUT" "$APP/MediationDesk" --db demo.db --exit-after-first-rows \
    | tee "$TMP/gui"
  grep -q "^ROWS [1-9]" "$TMP/gui"
}

step "mediation-desk --help (Chinese)" help_text
step "init: a court desk" init_desk
step "demo: a center with 120 cases" demo_desk
step "document: 人民调解协议书 PDF with an embedded CJK font" agreement_pdf
step "MediationDesk offscreen until its first case rows (timeout ${GUI_TIMEOUT} s)" gui_first_rows
echo "smoke_linux: all $n steps passed"
