#!/usr/bin/env bash
# Smoke test of the Windows application folder under Wine:
#
#   packaging/smoke_windows.sh dist/windows/MediationDesk
#
# In a fresh copy of the cached Wine prefix (packaging/wine_env.sh: the test-only stubs, a
# Chinese locale) and a fresh data folder (MEDIATION_DESK_HOME): the CLI's --help in UTF-8
# Chinese, init (a court desk), demo (a center), document (a PDF whose CJK font pdffonts
# shows embedded), an exchange round trip (keys, trust both ways, export, import) and the
# GUI, MediationDesk.exe, started offscreen until its first case rows appear. Each step
# prints one line; a failing step prints its output and fails the script (SMOKE_VERBOSE=1
# prints every step's output).
#
# The documents' font: Wine ships no Chinese font, and the program's Windows lookup takes
# only Windows' own faces by file name (simsun.ttc, simfang.ttf, msyh.ttc, ...), so instead
# of copying a renamed font into the prefix's Fonts folder the test names Debian's
# WenQuanYi Micro Hei through MEDIATION_DESK_FONT, as a Windows path on Wine's Z: drive.
set -euo pipefail
shopt -s inherit_errexit
[ $# -eq 1 ] || { echo "usage: $0 FOLDER (the built MediationDesk folder)" >&2; exit 2; }
APP=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=packaging/wine_env.sh
source "$ROOT/packaging/wine_env.sh"
GUI_TIMEOUT=${SMOKE_GUI_TIMEOUT:-180}
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

[ -f "$APP/mediation-desk.exe" ] && [ -f "$APP/MediationDesk.exe" ] \
  || { echo "smoke_windows: no mediation-desk.exe / MediationDesk.exe in $APP" >&2; exit 2; }
ensure_tools >/dev/null
ensure_locale
BASE=$(ensure_prefix)

TMP=$(mktemp -d -t mediation-desk-smoke.XXXXXX)
export WINEPREFIX="$TMP/prefix"
cleanup() {
  WINEPREFIX="$TMP/prefix" wineserver -k 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
cp -a "$BASE" "$WINEPREFIX"
# One server for all the steps (each would otherwise start its own), and Wine's background
# services started now, with no pipe of ours: a service started by a step's first program
# would inherit that step's output pipe and keep it open after the program has ended.
wineserver -p </dev/null >/dev/null 2>&1
wine cmd /c exit 0 </dev/null >/dev/null 2>&1
mkdir -p "$TMP/home" "$TMP/work"
export MEDIATION_DESK_HOME
MEDIATION_DESK_HOME=$(winpath "$TMP/home")
MEDIATION_DESK_FONT=$(winpath "$FONT")
export MEDIATION_DESK_FONT
cd "$TMP/work"

OUT="$TMP/out"
n=0
# step NAME FUNCTION: the function runs under set -e in a subshell (never in an `||`, which
# would switch set -e off inside it); its output (both streams, through a pipe: Wine 8 fails
# a program whose standard handle is a regular file) goes to $OUT, printed if it fails.
step() {
  local name=$1 start rc
  shift
  n=$((n + 1))
  start=$(date +%s)
  set +e
  (set -e; "$@") </dev/null 2>&1 | cat >"$OUT"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "smoke_windows: step $n FAILED: $name (exit $rc)"
    sed 's/^/    /' "$OUT"
    exit 1
  fi
  echo "smoke_windows: step $n ok: $name ($(( $(date +%s) - start )) s)"
  if [ -n "${SMOKE_VERBOSE:-}" ]; then sed 's/^/    /' "$OUT"; fi
}
cli() { wine "$APP/mediation-desk.exe" "$@"; }
capture() {  # capture COMMAND...: its output (both streams) in $OUT.last, and shown
  local rc=0
  "$@" 2>&1 | cat >"$OUT.last" || rc=$?
  cat "$OUT.last"
  return "$rc"
}
expect() {  # expect TEXT: the last captured output holds TEXT
  grep -qF -- "$1" "$OUT.last" || { echo "expected: $1"; return 1; }
}

folder_contents() {
  local stubs
  stubs=$(find "$APP" -iname icuuc.dll -o -iname bcryptprimitives.dll)
  [ -z "$stubs" ] || { echo "test-only stub in the folder: $stubs"; return 1; }
  python3 - "$APP" "$(grep -m1 '^version' "$ROOT/pyproject.toml" | cut -d'"' -f2)" <<'PY'
import sys
from pathlib import Path
app, version = Path(sys.argv[1]), sys.argv[2]
for exe in ("MediationDesk.exe", "mediation-desk.exe"):
    data = (app / exe).read_bytes()
    for text in ("调解工作台", version, exe):  # VS_VERSIONINFO strings are UTF-16-LE
        assert text.encode("utf-16-le") in data, f"{exe}: no {text!r} in its version resource"
    print(exe, "version resource:", version)
PY
}
help_in_utf8() {
  capture cli --help
  iconv -f UTF-8 -t UTF-8 "$OUT.last" >/dev/null || { echo "not UTF-8:"; od -c "$OUT.last" | head; return 1; }
  expect "调解工作台"
  expect "（命令行）"
}
court_desk() {
  export MEDIATION_DESK_USER=王法官 MEDIATION_DESK_PASSWORD=fayuan-2026
  capture cli init --db court.db --kind court --center-code ZDFY --center-name 张店区人民法院
  expect "恢复密钥"
  cli keys --db court.db --export-card ZDFY.card
  test -s ZDFY.card
}
center_demo() {
  export MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo
  cli demo --db demo.db --cases 120 --seed 1
  cli cases --db demo.db --status agreed --limit 1 2>/dev/null | tr -d '\r' >"$TMP/cases"
  cat "$TMP/cases"
  AGREED=$(cut -f1 "$TMP/cases")
  [[ "$AGREED" =~ ^（[0-9]{4}）.+号$ ]] || { echo "no agreed case number"; return 1; }
  echo "$AGREED" >"$TMP/agreed"
}
agreement_pdf() {
  export MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo
  cli document --db demo.db --case "$(cat "$TMP/agreed")" --kind agreement --out 协议书.pdf
  capture pdffonts 协议书.pdf
  # a font line whose "emb" column says yes, and which is the WenQuanYi face named above
  awk 'NR > 2 && $(NF-4) == "yes"' "$OUT.last" | grep -qi "wqy\|wenquanyi" \
    || { echo "no embedded CJK font"; return 1; }
}
exchange_round_trip() {
  export MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo
  cli keys --db demo.db --export-card center.card
  cli trust --db demo.db ZDFY.card --yes
  cli export --db demo.db --to ZDFY --out 给法院.mdx
  test -s 给法院.mdx
  export MEDIATION_DESK_USER=王法官 MEDIATION_DESK_PASSWORD=fayuan-2026
  cli trust --db court.db center.card --yes
  capture cli import --db court.db 给法院.mdx
  expect "已导入：来自 ZD-MS"
  capture cli import --db court.db 给法院.mdx  # the same file again changes nothing
  expect "已经导入过"
  capture cli court-summary --db court.db
  expect "（ZD-MS）"
}
gui_first_rows() {
  MEDIATION_DESK_QT_PLATFORM=offscreen MEDIATION_DESK_USER=演示主任 MEDIATION_DESK_PASSWORD=demo \
    capture timeout "$GUI_TIMEOUT" wine "$APP/MediationDesk.exe" --db demo.db --exit-after-first-rows
  grep -q "^ROWS [1-9]" "$OUT.last" || { echo "expected: ROWS n (the first case rows)"; return 1; }
}

step "the folder: no test-only stub DLL; both programs' version resource" folder_contents
step "mediation-desk.exe --help: Chinese, UTF-8, exit 0" help_in_utf8
step "init: a court desk and its card" court_desk
step "demo: a center with 120 cases" center_demo
step "document: 人民调解协议书 PDF with an embedded CJK font" agreement_pdf
step "exchange: cards trusted both ways, export, import at the court" exchange_round_trip
step "MediationDesk.exe offscreen until its first case rows (timeout ${GUI_TIMEOUT} s)" gui_first_rows
echo "smoke_windows: all $n steps passed"
