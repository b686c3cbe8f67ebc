# Sourced by packaging/build_windows.sh and packaging/smoke_windows.sh (and the installer's
# smoke test): the Debian tools, the zh_CN.UTF-8 locale and the cached 64-bit Wine prefix with
# the two TEST-ONLY stub DLLs (packaging/wine_stubs/). Nothing here is shipped.
#
# The cache is ~/.cache/mediation-desk-win/ (MEDIATION_DESK_WIN_CACHE overrides); each
# entry's name carries the hash of its inputs, so a changed input makes a new entry.

WIN_CACHE=${MEDIATION_DESK_WIN_CACHE:-$HOME/.cache/mediation-desk-win}
PACKAGING_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export WINEDEBUG=-all WINEARCH=win64
# no Mono/Gecko download prompts (nothing here uses .NET or the HTML engine)
export WINEDLLOVERRIDES="mscoree,mshtml="
# a Chinese Windows: code page 936 for the ANSI APIs, as at a township office
export LANG=zh_CN.UTF-8

# the hash of its arguments' contents (files) or of the strings themselves
key_of() {
  local item
  for item in "$@"; do
    if [ -f "$item" ]; then sha256sum <"$item"; else printf '%s\n' "$item"; fi
  done | sha256sum | cut -c1-16
}

# Debian's Wine 8, mingw-w64, osslsigncode and locales, installed when missing.
ensure_tools() {
  local missing=() pkg
  for pkg in wine wine64 gcc-mingw-w64-x86-64 osslsigncode locales poppler-utils \
             fonts-wqy-microhei; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
      --no-install-recommends "${missing[@]}"
  fi
}

# LANG=zh_CN.UTF-8 only means something to Wine when the locale exists (else it falls back
# to the C locale and code page 1252).
ensure_locale() {
  if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >>/etc/locale.gen
    locale-gen >/dev/null
  fi
}

# Prints the path of the cached base prefix, making it when missing: wineboot, then the stubs
# compiled with mingw into its system32 (without icuuc.dll Qt6Core.dll does not load; without
# bcryptprimitives.dll every verb that makes a key fails), bcryptprimitives set native first
# in case a Wine has a builtin one lacking ProcessPrng (Debian's Wine 8 has none).
ensure_prefix() {
  local stubs="$PACKAGING_DIR/wine_stubs" key prefix tmp name
  key=$(key_of "$(wine --version)" "$(x86_64-w64-mingw32-gcc --version | head -1)" \
        "$stubs/icuuc.c" "$stubs/bcryptprimitives.c" "v1")
  prefix="$WIN_CACHE/prefix-$key"
  if [ ! -f "$prefix/.ready" ]; then
    tmp="$WIN_CACHE/tmp-prefix-$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    WINEPREFIX="$tmp" wineboot -i </dev/null
    for name in icuuc bcryptprimitives; do
      x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -shared -s \
        -o "$tmp/drive_c/windows/system32/$name.dll" "$stubs/$name.c" -lbcrypt
    done
    WINEPREFIX="$tmp" wine reg add 'HKCU\Software\Wine\DllOverrides' \
      /v bcryptprimitives /d native,builtin /f </dev/null >/dev/null
    WINEPREFIX="$tmp" wineserver -w
    touch "$tmp/.ready"
    # several builds at once (CI builds the installer beside the tests, which make prefixes
    # too): the first complete prefix wins by an atomic rename, the others drop their own; a
    # left-over one without .ready (an interrupted build) is replaced
    if [ -d "$prefix" ] && [ ! -f "$prefix/.ready" ]; then rm -rf "$prefix"; fi
    mv -T "$tmp" "$prefix" 2>/dev/null || rm -rf "$tmp"
  fi
  printf '%s\n' "$prefix"
}

# A Linux path as the Windows program sees it (Z: is the root in every Wine prefix).
winpath() {
  local p
  p=$(realpath -m "$1")
  printf 'Z:%s\n' "${p//\//\\}"
}
