#!/usr/bin/env bash
# Builds the Windows installer dist/MediationDesk-<version>-setup.exe from the PyInstaller
# folder (packaging/build_windows.sh writes dist/windows/MediationDesk/) with Debian's NSIS (makensis),
# on Linux; no Wine needed. Quiet on success (one line: the setup program, its size, the time);
# makensis's output on failure.
#
#   packaging/build_installer.sh [FOLDER] [--out DIR]
#
# FOLDER defaults to dist/windows/MediationDesk (packaging/build_windows.sh); the setup program goes to DIR (default dist/).
# The version is pyproject.toml's. packaging/smoke_installer.sh tests the result under Wine.
# MEDIATION_DESK_NSIS_COMPRESSOR: lzma (default, solid: the release) or zlib (CI: the LZMA pass
# takes 2-6 minutes of one core, zlib seconds; a larger file, the same installer otherwise).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

folder="$root/dist/windows/MediationDesk"
out="$root/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "build_installer.sh: unknown option $1" >&2; exit 2 ;;
    *) folder=$1; shift ;;
  esac
done

compressor=${MEDIATION_DESK_NSIS_COMPRESSOR:-lzma}
case "$compressor" in
  lzma|zlib) ;;
  *) echo "build_installer.sh: MEDIATION_DESK_NSIS_COMPRESSOR is lzma or zlib, not $compressor" >&2
     exit 2 ;;
esac
command -v makensis >/dev/null || {
  echo "build_installer.sh: makensis is missing (apt-get install nsis)" >&2; exit 1; }
for exe in MediationDesk.exe mediation-desk.exe; do
  [ -f "$folder/$exe" ] || {
    echo "build_installer.sh: $folder/$exe is missing (run packaging/build_windows.sh first)" >&2
    exit 1; }
done
folder=$(cd "$folder" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
  "$root/pyproject.toml")
# the version resource takes four numbers: 1.2.3rc1 -> 1.2.3.0
version4=$(python3 -c '
import re, sys
nums = [int(n) for n in re.match(r"\d+(?:\.\d+)*", sys.argv[1]).group(0).split(".")][:4]
print(".".join(str(n) for n in nums + [0] * (4 - len(nums))))' "$version")

work=$(mktemp -d)
log="$work/makensis.log"
trap 'rm -rf "$work"' EXIT

# What the uninstaller removes and an upgrade replaces: the folder's own top-level entries
# (PyInstaller puts everything but the two programs in _internal).
files_nsh="$work/files.nsh"
{
  echo '!macro REMOVE_PROGRAM_FILES'
  for entry in "$folder"/* "$folder"/.[!.]*; do
    [ -e "$entry" ] || continue
    name=$(basename "$entry")
    name=${name//\$/\$\$}
    if [ -d "$entry" ]; then
      printf '  RMDir /r "$INSTDIR\\%s"\n' "$name"
    else
      printf '  Delete "$INSTDIR\\%s"\n' "$name"
    fi
  done
  echo '!macroend'
} >"$files_nsh"

setup="$out/MediationDesk-$version-setup.exe"
icon="$root/mediation_desk/resources/icons/app.ico"
args=(-V2 -INPUTCHARSET UTF8 -WX
      "-DVERSION=$version" "-DVERSION4=$version4" "-DSRCDIR=$folder"
      "-DFILES_NSH=$files_nsh" "-DOUTFILE=$setup" "-DCOMPRESSOR=$compressor")
if [ -f "$icon" ]; then
  args+=("-DAPP_ICON=$icon")
else
  echo "build_installer.sh: $icon is missing; NSIS's own icon used" >&2
fi

start=$(date +%s)
if ! nice -n 10 makensis "${args[@]}" "$root/packaging/installer.nsi" >"$log" 2>&1; then
  cat "$log" >&2
  echo "build_installer.sh: makensis failed" >&2
  exit 1
fi
seconds=$(( $(date +%s) - start ))
size_mb=$(python3 -c 'import os, sys; print(f"{os.path.getsize(sys.argv[1]) / 2**20:.1f}")' "$setup")
payload_mb=$(du -sm "$folder" | cut -f1)
echo "installer: $setup ($size_mb MiB from a $payload_mb MiB folder, $compressor, ${seconds} s)"
