#!/usr/bin/env bash
# TEST-ONLY: a stand-in for the PyInstaller folder (dist/MediationDesk/) so the installer can be
# built and smoke-tested without the real build: MediationDesk.exe and mediation-desk.exe are
# packaging/nsis/standin.c (records its arguments, see there), _internal/ holds a few files.
#
#   packaging/nsis/make_standin_folder.sh DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: make_standin_folder.sh DIR}
mkdir -p "$dir/_internal/sub"
x86_64-w64-mingw32-gcc -municode -O2 -Wall -Wextra -Werror -s \
  -o "$dir/MediationDesk.exe" "$here/standin.c"
cp "$dir/MediationDesk.exe" "$dir/mediation-desk.exe"
printf 'stand-in, not the application\n' >"$dir/_internal/README.txt"
# something to compress, so the sizes mean a little
head -c 2000000 /dev/urandom >"$dir/_internal/sub/random.bin"
