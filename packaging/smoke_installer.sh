#!/usr/bin/env bash
# Smoke test of the Windows installer under Wine, as IT staff would run it (silent mode):
#
#   packaging/smoke_installer.sh SETUP.exe [--source FOLDER] [--prefix DIR] [--keep]
#                                [--app-smoke SCRIPT]
#
# In a throw-away Wine prefix (a copy of packaging/wine_env.sh's cached one, which has the
# test-only stub DLLs the real application needs; or DIR, used as it is): seed a data folder,
# install with /S, check the program files (against FOLDER, the PyInstaller folder it was built
# from, when given), the Start-menu and desktop shortcuts, the Apps & features registration and
# the .mdx association — opening a .mdx file whose path has spaces and Chinese in it must start
# MediationDesk.exe with that path — then that a second install refuses while the program runs,
# an upgrade over the install replaces the old files, and a silent uninstall removes the program,
# shortcuts and registry keys and keeps the data folder. Prints the installer's and the
# installation's sizes. One line a step; the first failure stops it (exit 1) with its output.
# --app-smoke SCRIPT runs SCRIPT INSTALLED-FOLDER (packaging/smoke_windows.sh: the program's own
# smoke test) on the installed copy, after the install and before the upgrade and uninstall.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

setup="" source_dir="" prefix="" keep=0 app_smoke=""
while [ $# -gt 0 ]; do
  case "$1" in
    --source) source_dir=$(cd "$2" && pwd); shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --app-smoke) app_smoke=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "smoke_installer.sh: unknown option $1" >&2; exit 2 ;;
    *) setup=$(realpath "$1"); shift ;;
  esac
done
[ -f "$setup" ] || { echo "usage: smoke_installer.sh SETUP.exe [--source FOLDER] [--prefix DIR] [--keep]" >&2; exit 2; }
version=$(basename "$setup" | sed -n 's/^MediationDesk-\(.*\)-setup\.exe$/\1/p')
[ -n "$version" ] || { echo "smoke_installer.sh: not a MediationDesk-<version>-setup.exe: $setup" >&2; exit 2; }

work=$(mktemp -d /tmp/smoke-installer.XXXXXX)
own_prefix=0
if [ -z "$prefix" ]; then
  prefix="$work/prefix"
  own_prefix=1
fi
step_no=0 step_name="" step_running=0
out="$work/step.out"
exec 3>&1  # the real stdout: the EXIT trap may run while a step's output goes to $out
cleanup() {
  local rc=$?
  exec 1>&3 2>&3
  if [ "$step_running" = 1 ]; then
    printf 'FAIL %2d %s\n' "$step_no" "$step_name"
    sed 's/^/     | /' "$out"
    rc=1
  fi
  # only this prefix's programs (its own wineserver)
  WINEPREFIX="$prefix" wineserver -k 2>/dev/null || true
  if [ "$keep" = 1 ]; then
    echo "kept: $work (prefix $prefix)"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT

# step NAME COMMAND...: one line "ok" with the last line COMMAND printed; when a command in
# it fails (errexit) or it calls fail, the EXIT trap prints "FAIL" and its whole output.
step() {
  step_name=$1
  shift
  step_no=$((step_no + 1))
  step_running=1
  local t0=$SECONDS
  "$@" >"$out" 2>&1
  step_running=0
  printf 'ok   %2d %s%s (%d s)\n' "$step_no" "$step_name" "$(tail -n 1 "$out" | sed 's/^./: &/')" \
    $((SECONDS - t0))
}
fail() { echo "$*"; exit 1; }

if [ -f "$here/wine_env.sh" ]; then
  # shellcheck source=packaging/wine_env.sh
  source "$here/wine_env.sh"
fi
export WINEDEBUG=-all WINEARCH=win64
# no menu entries or file types written to this Linux desktop, no Mono/Gecko prompts
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
export WINEPREFIX="$prefix"
# an office machine's own data folder (%LOCALAPPDATA%\MediationDesk), not a test's override
unset MEDIATION_DESK_HOME
w() { wine "$@" </dev/null; }
unix_of() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
win_of() { local p; p=$(realpath -m "$1"); printf 'Z:%s\n' "${p//\//\\}"; }
# A registry value's data ("" when absent; a DWORD in decimal). Read from `reg export` (UTF-16)
# because `reg query` writes in the console's code page (GBK under a Chinese locale).
reg_value() {  # KEY NAME ("" for the default value)
  local file="$work/export.reg"
  rm -f "$file"
  w reg export "$1" "$(win_of "$file")" /y >/dev/null 2>&1 || return 0
  python3 - "$file" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-16").read()
section = text.split("\n[", 2)[1] if "\n[" in text else ""  # the key's own values only
want = '@' if sys.argv[2] == "" else '"' + sys.argv[2].replace("\\", "\\\\").replace('"', '\\"') + '"'
for line in section.splitlines()[1:]:
    if line.startswith("["):
        break
    name, sep, data = line.partition("=")
    if not sep or name != want:
        continue
    if data.startswith("dword:"):
        print(int(data[6:], 16))
    elif data.startswith('"'):
        print(re.sub(r'\\(.)', r"\1", data[1:-1]))
    else:
        print(data)
PY
}
reg_default() { reg_value "$1" ""; }
key_exists() { w reg query "$1" >/dev/null 2>&1; }
tree_sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

make_prefix() {
  if [ "$own_prefix" = 1 ] && declare -F ensure_prefix >/dev/null; then
    local base
    base=$(ensure_prefix)
    cp -a "$base/." "$prefix/"
    rm -f "$prefix/.ready"
    echo "copy of $base"
  else
    mkdir -p "$prefix"
    wineboot -i </dev/null >/dev/null 2>&1
    echo "wineboot $prefix"
  fi
}
step "Wine prefix" make_prefix

user_paths() {
  local vars
  vars=$(w cmd /c 'echo %LOCALAPPDATA%^|%APPDATA%^|%USERPROFILE%' | tr -d '\r')
  win_localappdata=${vars%%|*}
  localappdata=$(realpath "$(unix_of "$win_localappdata")")
  vars=${vars#*|}
  appdata=$(realpath "$(unix_of "${vars%%|*}")")
  profile=$(realpath "$(unix_of "${vars#*|}")")
  [ -d "$localappdata" ] && [ -d "$appdata" ] || fail "no user folders in the prefix: $vars"
  desktop="$profile/Desktop"
  # a prefix made where ~/Desktop exists links to it: keep the shortcut out of the real desktop
  if [ -L "$desktop" ]; then rm "$desktop"; fi
  mkdir -p "$desktop"
  programs="$appdata/Microsoft/Windows/Start Menu/Programs"
  instdir="$localappdata/Programs/MediationDesk"
  datadir="$localappdata/MediationDesk"
  echo "%LOCALAPPDATA% is $win_localappdata"
}
step "user folders" user_paths

seed_data() {
  mkdir -p "$datadir/backups" "$datadir/Logs"
  printf 'not a real database: the smoke test checks it survives\n' >"$datadir/smoke-seed.db"
  head -c 4096 /dev/urandom >"$datadir/backups/smoke-seed.db.bak"
  printf 'smoke seed\n' >"$datadir/Logs/smoke-seed.log"
  tree_sums "$datadir" >"$work/data.sums"
  echo "$(wc -l <"$work/data.sums") files in $datadir"
}
step "seed a data folder" seed_data

# MEDIATION_DESK_STANDIN_*: what the test-only stand-in exes (packaging/nsis/standin.c) read;
# MEDIATION_DESK_QT_PLATFORM: the real application's Qt platform (Wine drops QT_* variables)
export MEDIATION_DESK_STANDIN_LOG
MEDIATION_DESK_STANDIN_LOG=$(win_of "$work/standin-argv.txt")
export MEDIATION_DESK_STANDIN_SECONDS=600 MEDIATION_DESK_QT_PLATFORM=offscreen

old_windows() {
  local rc=0
  w reg add 'HKCU\Software\Wine' /v Version /d win7 /f >/dev/null
  w "$setup" /S || rc=$?
  [ "$rc" = 4 ] || fail "setup.exe /S on Windows 7: exit $rc, not 4 (too old)"
  [ ! -e "$instdir" ] || fail "installed on Windows 7"
  # the Windows the application supports (10 1903 or later; Wine 8's prefix says 7)
  w reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null
  echo "exit 4 on Windows 7, nothing installed; the prefix says Windows $(w cmd /c ver | tr -d '\r' | sed -n 's/.*Windows //p')"
}
step "refuses an old Windows" old_windows

install_silent() {
  local start rc=0
  start=$(date +%s)
  w "$setup" /S || rc=$?
  [ "$rc" = 0 ] || fail "setup.exe /S exit $rc"
  echo "exit 0 in $(( $(date +%s) - start )) s"
}
step "silent install (setup.exe /S)" install_silent

check_files() {
  local f
  for f in MediationDesk.exe mediation-desk.exe uninstall.exe _internal; do
    [ -e "$instdir/$f" ] || fail "missing: $instdir/$f"
  done
  if [ -n "$source_dir" ]; then
    tree_sums "$source_dir" >"$work/source.sums"
    tree_sums "$instdir" | grep -v ' \./uninstall\.exe$' >"$work/installed.sums"
    diff "$work/source.sums" "$work/installed.sums" >&2 || fail "installed files differ from $source_dir"
    echo "$(wc -l <"$work/source.sums") files, identical to $source_dir"
  else
    echo "$(find "$instdir" -type f | wc -l) files"
  fi
}
step "program files" check_files

if [ -n "$app_smoke" ]; then
  # its own lines, indented, as they come (it makes its own prefix and data folder)
  echo "     the installed program's smoke test ($(basename "$app_smoke")):"
  if ! (unset WINEPREFIX; "$app_smoke" "$instdir") 2>&1 | sed 's/^/     /'; then
    step_name="installed program's smoke test" step_no=$((step_no + 1))
    printf 'FAIL %2d %s\n' "$step_no" "$step_name"
    exit 1
  fi
fi

lnk_targets() {  # FILE TARGET: the .lnk exists and its target is the program folder's TARGET
  local names
  [ -f "$1" ] || fail "missing shortcut: $1"
  names=$(strings -el "$1"; strings "$1")
  names=${names,,}
  [[ $names == *"mediationdesk\\${2,,}"* ]] || fail "$1 does not point at $2: $names"
}
check_shortcuts() {
  lnk_targets "$programs/调解工作台/调解工作台.lnk" MediationDesk.exe
  lnk_targets "$programs/调解工作台/卸载调解工作台.lnk" uninstall.exe
  lnk_targets "$desktop/调解工作台.lnk" MediationDesk.exe
  echo "Start menu 调解工作台\\{调解工作台,卸载调解工作台}.lnk, Desktop\\调解工作台.lnk"
}
step "shortcuts" check_shortcuts

UNINST='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\MediationDesk'
check_registry() {
  local win_instdir name value
  win_instdir=$(reg_value "$UNINST" InstallLocation)
  [ "$(realpath -m "$(unix_of "$win_instdir")")" = "$instdir" ] || fail "InstallLocation is '$win_instdir'"
  [ "$(reg_value "$UNINST" DisplayName)" = "调解工作台" ] || fail "DisplayName: $(reg_value "$UNINST" DisplayName)"
  [ "$(reg_value "$UNINST" DisplayVersion)" = "$version" ] || fail "DisplayVersion: $(reg_value "$UNINST" DisplayVersion)"
  [ "$(reg_value "$UNINST" UninstallString)" = "\"$win_instdir\\uninstall.exe\"" ] || fail "UninstallString"
  [ "$(reg_value "$UNINST" QuietUninstallString)" = "\"$win_instdir\\uninstall.exe\" /S" ] || fail "QuietUninstallString"
  [ "$(reg_value "$UNINST" DisplayIcon)" = "$win_instdir\\MediationDesk.exe,0" ] || fail "DisplayIcon"
  for name in Publisher EstimatedSize NoModify NoRepair; do
    value=$(reg_value "$UNINST" "$name")
    [ -n "$value" ] || fail "no $name"
  done
  [ "$(reg_value "$UNINST" NoModify)" = 1 ] && [ "$(reg_value "$UNINST" NoRepair)" = 1 ] || fail "NoModify/NoRepair"
  if key_exists 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\MediationDesk'; then
    fail "written to HKLM"
  fi
  echo "HKCU …\\Uninstall\\MediationDesk: 调解工作台 $version, EstimatedSize $(reg_value "$UNINST" EstimatedSize) KB"
}
step "Apps & features registration" check_registry

mdx_dir="$work/交换 文件"
mdx="$mdx_dir/甲乙 纠纷.mdx"
check_association() {
  local win_instdir command
  win_instdir=$(reg_value "$UNINST" InstallLocation)
  [ "$(reg_default 'HKCU\Software\Classes\.mdx')" = MediationDesk.mdx ] || fail ".mdx is not MediationDesk.mdx"
  command=$(reg_default 'HKCU\Software\Classes\MediationDesk.mdx\shell\open\command')
  [ "$command" = "\"$win_instdir\\MediationDesk.exe\" \"%1\"" ] || fail "open command: $command"
  [ "$(reg_default 'HKCU\Software\Classes\MediationDesk.mdx\DefaultIcon')" = "$win_instdir\\MediationDesk.exe,0" ] \
    || fail "DefaultIcon"
  echo "HKCU\\Software\\Classes: .mdx -> MediationDesk.mdx, open $command"
}
step ".mdx association (registry)" check_association

# The pid of this prefix's MediationDesk.exe whose arguments hold the file ("" if none).
app_pid_with() {
  local proc args
  for proc in /proc/[0-9]*; do
    args=$(tr '\0' '\n' 2>/dev/null <"$proc/cmdline") || continue
    case "$args" in *MediationDesk.exe*) ;; *) continue ;; esac
    grep -qz "^WINEPREFIX=$prefix\$" "$proc/environ" 2>/dev/null || continue
    if printf '%s\n' "$args" | grep -xF "$1" >/dev/null; then echo "${proc#/proc/}"; return 0; fi
  done
  return 0
}
app_pid=""
open_mdx() {
  local win_mdx i
  mkdir -p "$mdx_dir"
  printf 'not a real bundle\n' >"$mdx"
  win_mdx=$(win_of "$mdx")
  # Wine 8 reads file types from HKLM\Software\Classes only; Windows merges HKCU's into
  # HKEY_CLASSES_ROOT itself. Copied here (test prefix only) so the shell's open is exercised.
  w reg copy 'HKCU\Software\Classes\.mdx' 'HKLM\Software\Classes\.mdx' /s /f >/dev/null
  w reg copy 'HKCU\Software\Classes\MediationDesk.mdx' 'HKLM\Software\Classes\MediationDesk.mdx' /s /f >/dev/null
  w start /unix "$mdx" || fail "wine start /unix exit $?"
  for i in $(seq 60); do
    app_pid=$(app_pid_with "$win_mdx")
    [ -n "$app_pid" ] && break
    sleep 1
  done
  [ -n "$app_pid" ] || fail "no MediationDesk.exe started with $win_mdx within 60 s"
  if [ -f "$work/standin-argv.txt" ]; then  # the stand-in also says what argv it parsed
    sed -n 2p "$work/standin-argv.txt" | grep -qxF "$win_mdx" \
      || fail "stand-in got: $(cat "$work/standin-argv.txt")"
  fi
  echo "wine start /unix '$(basename "$mdx")' ran MediationDesk.exe '$win_mdx' (pid $app_pid)"
}
step ".mdx opens the program with its path" open_mdx

refuse_running() {
  local rc=0 before
  before=$(tree_sums "$instdir" | sha256sum)
  w "$setup" /S || rc=$?
  [ "$rc" != 0 ] || fail "setup.exe /S installed over the running program (exit 0)"
  [ "$(tree_sums "$instdir" | sha256sum)" = "$before" ] || fail "files changed though refused"
  echo "setup.exe /S exit $rc while MediationDesk.exe runs, nothing changed"
}
step "refuses while the program runs" refuse_running

stop_app() {
  kill "$app_pid"
  for _ in $(seq 30); do
    [ -d "/proc/$app_pid" ] || { echo "pid $app_pid ended"; return 0; }
    sleep 0.5
  done
  fail "pid $app_pid still running"
}
step "close the program" stop_app

upgrade() {
  local rc=0
  printf 'left by an older version\n' >"$instdir/_internal/smoke-old-version-file.txt"
  printf 'old\n' >"$instdir/mediation-desk.exe"
  w "$setup" /S || rc=$?
  [ "$rc" = 0 ] || fail "setup.exe /S over the install: exit $rc"
  [ ! -e "$instdir/_internal/smoke-old-version-file.txt" ] || fail "old file left in _internal"
  [ "$(head -c 4 "$instdir/mediation-desk.exe")" != "old" ] || fail "mediation-desk.exe not replaced"
  if [ -n "$source_dir" ]; then
    tree_sums "$instdir" | grep -v ' \./uninstall\.exe$' | diff "$work/source.sums" - >&2 \
      || fail "upgraded files differ from $source_dir"
  fi
  [ "$(reg_value "$UNINST" DisplayVersion)" = "$version" ] || fail "DisplayVersion after upgrade"
  echo "same folder, old files replaced"
}
step "upgrade over the install" upgrade

installed_mb=$(du -sm "$instdir" | cut -f1)
installed_kb=$(du -sk "$instdir" | cut -f1)

uninstall_silent() {
  local rc=0 start
  start=$(date +%s)
  w "$instdir/uninstall.exe" /S || rc=$?
  [ "$rc" = 0 ] || fail "uninstall.exe /S exit $rc"
  # the uninstaller runs from a copy in %TEMP% and returns at once: wait for it
  wineserver -w
  echo "exit 0, done in $(( $(date +%s) - start )) s"
}
step "silent uninstall (uninstall.exe /S)" uninstall_silent

check_removed() {
  local key
  [ ! -e "$instdir" ] || fail "left behind: $(find "$instdir" | head)"
  [ ! -e "$programs/调解工作台" ] || fail "Start-menu folder left"
  [ ! -e "$desktop/调解工作台.lnk" ] || fail "desktop shortcut left"
  for key in "$UNINST" 'HKCU\Software\Classes\MediationDesk.mdx' 'HKCU\Software\Classes\.mdx' \
             'HKCU\Software\Classes\Applications\MediationDesk.exe'; do
    if key_exists "$key"; then fail "registry key left: $key"; fi
  done
  echo "program folder, shortcuts, association and Apps & features entry gone"
}
step "program removed" check_removed

check_data_kept() {
  local now
  now=$(cd "$datadir" && sha256sum -c --quiet "$work/data.sums" 2>&1) || fail "data folder changed: $now"
  echo "$datadir: the seeded files are all there, unchanged"
}
step "data folder kept" check_data_kept

installer_mb=$(python3 -c 'import os, sys; print(f"{os.path.getsize(sys.argv[1]) / 2**20:.1f}")' "$setup")
echo "sizes: installer $installer_mb MiB, installed $installed_mb MiB ($installed_kb KiB)"
