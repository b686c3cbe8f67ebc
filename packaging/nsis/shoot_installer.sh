#!/usr/bin/env bash
# Pictures of the installer's and uninstaller's pages under Wine, for a person to look at the
# Chinese text (not a test: no pass/fail). Drives the pages with the keyboard on a virtual screen.
#
#   packaging/nsis/shoot_installer.sh SETUP.exe OUTDIR
#
# Needs Xvfb, xdotool and the project's .venv (Pillow) — apt-get install xvfb xdotool.
# Wine has no Chinese font: WenQuanYi Micro Hei (fonts-wqy-microhei) is put in the throw-away
# prefix and substituted for the dialog fonts, so the pictures show the words, not Windows' look.
# Pictures: 1 welcome, 2 folder, 3 finished, 4 "running" refusal (the program started from the
# finish page still runs), 5 uninstall confirmation, 6 the "your data is kept in …" message.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
setup=$(realpath "${1:?usage: shoot_installer.sh SETUP.exe OUTDIR}")
outdir=${2:?usage: shoot_installer.sh SETUP.exe OUTDIR}
mkdir -p "$outdir"
outdir=$(realpath "$outdir")

work=$(mktemp -d /tmp/shoot-installer.XXXXXX)
display=:$((90 + RANDOM % 100))
xvfb_pid=""
cleanup() {
  WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f "$here/../wine_env.sh" ] && source "$here/../wine_env.sh"
export WINEDEBUG=-all WINEARCH=win64 WINEPREFIX="$work/prefix" DISPLAY=$display
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
export MEDIATION_DESK_STANDIN_SECONDS=300
unset MEDIATION_DESK_HOME

if declare -F ensure_prefix >/dev/null; then
  cp -a "$(ensure_prefix)/." "$WINEPREFIX/"
else
  mkdir -p "$WINEPREFIX" && wineboot -i </dev/null >/dev/null 2>&1
fi
cp /usr/share/fonts/truetype/wqy/wqy-microhei.ttc "$WINEPREFIX/drive_c/windows/Fonts/"
wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null
for font in "MS Shell Dlg" "MS Shell Dlg 2" "Tahoma" "Segoe UI" "SimSun" "Microsoft YaHei"; do
  wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes' \
    /v "$font" /d "WenQuanYi Micro Hei" /f >/dev/null
done

Xvfb "$display" -screen 0 1024x768x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
shot() {
  "$root/.venv/bin/python" -c \
    "import sys; from PIL import ImageGrab; ImageGrab.grab(xdisplay=sys.argv[1]).save(sys.argv[2])" \
    "$display" "$outdir/$1.png"
  echo "$outdir/$1.png"
}
key() { xdotool key "$1"; sleep "${2:-2}"; }

wine "$setup" &
sleep 8
shot 1-welcome; key Return
shot 2-folder; key Return 10
shot 3-finished; key Return 8        # 完成 with 现在启动调解工作台 ticked: the program starts

wine "$setup" &
sleep 8
key Return; key Return 4
shot 4-running; key Escape 3         # 取消: the setup program quits, nothing replaced

for proc in /proc/[0-9]*; do         # the program started from the finish page
  if tr '\0' '\n' 2>/dev/null <"$proc/cmdline" | grep -q 'MediationDesk\.exe' \
     && grep -qz "^WINEPREFIX=$WINEPREFIX\$" "$proc/environ" 2>/dev/null; then
    kill "${proc#/proc/}"
  fi
done
sleep 2

mkdir -p "$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/MediationDesk"
wine "$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/Programs/MediationDesk/uninstall.exe" &
sleep 6
shot 5-uninstall; key Return 6
shot 6-data-kept; key Return; key Return
