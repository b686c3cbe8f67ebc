"""Finding and registering a TrueType CJK font for the documents.

Lookup order: an explicit path (settings) or ``MEDIATION_DESK_FONT``; a font
placed in the package's ``mediation_desk/resources/fonts/`` (by the packaging step, or
by hand; no font is committed); the operating system's
fonts (Windows SimSun/FangSong/SimHei/YaHei, Linux AR PL and WenQuanYi, then
whatever ``fc-list`` knows). Only TrueType outlines are accepted: reportlab
cannot embed CFF OpenType (Noto CJK, Source Han), and its built-in CID fonts
are never embedded, so a machine without the viewer's language pack would show
blank pages. No usable font means a clear error, never a PDF of empty boxes.

Characters the main face lacks (CJK Extension B and beyond, e.g. 𠮷 U+20BB7)
are drawn by fallback faces: SimSun-ExtB on Windows, HanaMinB on Linux, and any
TrueType in that fonts folder or known to fontconfig that has them. A
fallback is accepted on its own terms (it has ideographs beyond the BMP), not by
the main face's probe, which an Extension-B-only face cannot pass.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from ..domain.errors import DomainError
from ..resources import folder
from .tounicode import TTFont

ENV_VAR = "MEDIATION_DESK_FONT"
FONT_FOLDER = folder("fonts")
"""The program's own fonts folder: mediation_desk/resources/fonts/ in a checkout or an
installed package, the same folder inside a frozen app's bundle."""
INSTALL_HINT = (
    "请安装中文 TrueType 字体：Windows 自带宋体（simsun.ttc）或仿宋（simfang.ttf）；"
    "Debian/Ubuntu 执行 sudo apt-get install fonts-wqy-microhei（或 fonts-arphic-uming）；"
    f"也可把 .ttf/.ttc 字体放入程序的字体目录（{FONT_FOLDER}），"
    f"或用环境变量 {ENV_VAR} 指定字体文件。"
    "注意：Noto CJK、思源等 OpenType（CFF）字体不能使用。"
)
RARE_HINT = (
    "请安装含扩展 B 区等生僻字的 TrueType 字体：Windows 用 SimSun-ExtB（simsunb.ttf，"
    "中文版 Windows 自带，缺少时在“设置 → 时间和语言 → 语言”中添加中文（简体））；"
    "Debian/Ubuntu 执行 sudo apt-get install fonts-hanazono；"
    f"也可把这样的 .ttf 字体放入程序的字体目录（{FONT_FOLDER}）"
)
"""What to install when a character has no face (the fallback fonts the lookup finds)."""

# Song/FangSong faces first (official-document style), then Hei faces.
WINDOWS_FONTS = ("simsun.ttc", "simfang.ttf", "simkai.ttf", "simhei.ttf", "msyh.ttc", "msyh.ttf")
LINUX_FONTS = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/TTF/wqy-microhei.ttc",
    "/usr/share/fonts/TTF/wqy-zenhei.ttc",
)
MAC_FONTS = (
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
# Faces used only for characters the main font lacks (CJK Extension B and beyond).
WINDOWS_EXTRA = ("simsunb.ttf", "simsunextg.ttf")  # Extension B; E-G (Windows 11)
LINUX_EXTRA = (
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
)
_PROBE = "调解协议书第页"
# A fallback must have ideographs beyond the BMP: Extension B (U+20000) onwards,
# the Supplementary and Tertiary Ideographic Planes.
_RARE_PLANES = range(0x20000, 0x40000)
_FC_RARE = ":charset=20bb7"  # fontconfig: faces with 𠮷, the usual Extension B test


@dataclass(frozen=True)
class FontFile:
    """A font file (and face inside a collection) that passed the checks."""

    path: Path
    subfont_index: int = 0
    source: str = "system"  # setting | env | resources | system


@dataclass
class DocumentFont:
    """A registered font, with optional fallback faces for rare characters."""

    name: str
    file: FontFile
    chars: frozenset[int]
    extra_paths: list[Path] = field(default_factory=list)
    _fallbacks: list[tuple[str, frozenset[int]]] | None = None
    _fallback_paths: list[Path] = field(default_factory=list)

    def fallbacks(self) -> list[tuple[str, frozenset[int]]]:
        """Other faces (loaded on first need) for characters the main face lacks."""
        if self._fallbacks is None:
            self._fallbacks = []
            for extra in self.extra_paths:
                found = _usable(extra, "system", fallback=True)
                if found is not None:
                    fb = found[1]
                    if fb.fontName not in pdfmetrics.getRegisteredFontNames():
                        pdfmetrics.registerFont(fb)
                    self._fallbacks.append((fb.fontName, frozenset(fb.face.charToGlyph)))
                    self._fallback_paths.append(extra)
        return self._fallbacks

    def fallback_files(self) -> list[tuple[Path, frozenset[int]]]:
        """The fallback faces that loaded: file and the characters it has."""
        faces = self.fallbacks()  # loads them, filling _fallback_paths
        return list(zip(self._fallback_paths, (chars for _, chars in faces), strict=True))

    def face_for(self, char: str) -> str | None:
        """Registered font name that has ``char``; None when no face has it."""
        cp = ord(char)
        if cp in self.chars or char in "\n\t " or cp < 0x20:
            return self.name
        for name, chars in self.fallbacks():
            if cp in chars:
                return name
        return None

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` that no face can draw, in order of first use."""
        out: dict[str, None] = {}
        for ch in text:
            if self.face_for(ch) is None:
                out[ch] = None
        return list(out)


def _windows_dirs(env: Mapping[str, str]) -> list[Path]:
    dirs = [Path(env.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if env.get("LOCALAPPDATA"):
        dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def resource_font_dirs() -> list[Path]:
    """The program's fonts folder (``FONT_FOLDER``), wherever the package is."""
    return [FONT_FOLDER]


def _fc_list(pattern: str = ":lang=zh") -> list[Path]:
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, pattern, "file"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    paths = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [Path(p) for p in paths if p.lower().endswith((".ttf", ".ttc"))]


def system_candidates(env: Mapping[str, str] | None = None, *,
                      use_fc_list: bool = True) -> list[Path]:
    """Known OS font paths in order of preference (existing or not)."""
    env = os.environ if env is None else env
    out: list[Path] = []
    if sys.platform.startswith("win"):
        out += [d / n for d in _windows_dirs(env) for n in WINDOWS_FONTS]
    out += [Path(p) for p in LINUX_FONTS + MAC_FONTS]
    if use_fc_list:
        out += _fc_list()
    return out


def check_font(path: Path, subfont_index: int = 0, *, fallback: bool = False) -> TTFont:
    """Load a font file and make sure it is TrueType with Chinese glyphs.

    A ``fallback`` face passes with ideographs beyond the BMP alone (SimSun-ExtB,
    HanaMinB lack the common characters). Raises DomainError naming the file and
    the reason.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise DomainError(f"无法读取字体文件 {path}：{exc.strerror or exc}",
                          code="font_unreadable") from exc
    if head == b"OTTO":
        raise DomainError(f"字体 {path.name} 是 OpenType（CFF）字体，无法嵌入 PDF。{INSTALL_HINT}",
                          code="font_cff")
    if head not in (b"\x00\x01\x00\x00", b"true", b"ttcf"):
        raise DomainError(f"文件 {path.name} 不是 TrueType 字体。{INSTALL_HINT}",
                          code="font_invalid")
    name = "MD" + hashlib.sha1(f"{path}|{subfont_index}".encode()).hexdigest()[:10]
    try:
        font = TTFont(name, str(path), subfontIndex=subfont_index)
    except (TTFError, OSError, ValueError, IndexError, KeyError) as exc:
        raise DomainError(f"字体 {path.name} 无法使用（{exc}）。{INSTALL_HINT}",
                          code="font_invalid") from exc
    cmap = font.face.charToGlyph
    if all(ord(c) in cmap for c in _PROBE):
        return font
    if fallback and any(cp in _RARE_PLANES for cp in cmap):
        return font
    raise DomainError(f"字体 {path.name} 不含中文字形。{INSTALL_HINT}", code="font_no_cjk")


def _usable(path: Path, source: str, *,
            fallback: bool = False) -> tuple[FontFile, TTFont] | None:
    if not path.is_file():
        return None
    try:
        return FontFile(path, 0, source), check_font(path, fallback=fallback)
    except DomainError:
        return None


def locate(setting: str | None = None, *, env: Mapping[str, str] | None = None,
           resource_dirs: Iterable[Path] | None = None,
           system: Iterable[Path] | None = None) -> tuple[FontFile, TTFont]:
    """Find the document font; raise DomainError naming what to install.

    An explicitly configured font (``setting`` or the environment variable)
    that cannot be used is an error rather than silently skipped.
    """
    env = os.environ if env is None else env
    for value, source in ((setting, "setting"), (env.get(ENV_VAR), "env")):
        if value:
            path = Path(value).expanduser()
            if not path.is_file():
                raise DomainError(f"指定的字体文件不存在：{path}。{INSTALL_HINT}",
                                  code="font_missing")
            return FontFile(path, 0, source), check_font(path)
    for d in resource_font_dirs() if resource_dirs is None else resource_dirs:
        if d.is_dir():
            for p in sorted(d.iterdir()):
                if p.suffix.lower() in (".ttf", ".ttc") and (found := _usable(p, "resources")):
                    return found
    for p in system_candidates(env) if system is None else system:
        if found := _usable(p, "system"):
            return found
    raise DomainError(f"找不到可用于生成文书的中文字体。{INSTALL_HINT}", code="font_not_found")


_CACHE: dict[tuple[str | None, str | None], DocumentFont] = {}


def fallback_candidates(main: Path, env: Mapping[str, str] | None = None, *,
                        resource_dirs: Iterable[Path] | None = None,
                        use_fc_list: bool = True) -> list[Path]:
    """Existing font files to try for characters ``main`` lacks, in order of preference.

    The rare-character faces first (SimSun-ExtB, the fonts folder, HanaMinB,
    fontconfig's faces with 𠮷), then the other CJK faces the lookup knows. A file
    reached twice (a symlink, a copy of the main font's path) is listed once.
    """
    env = os.environ if env is None else env
    names: list[Path] = []
    if sys.platform.startswith("win"):
        names += [d / n for d in _windows_dirs(env) for n in WINDOWS_EXTRA]
    for d in resource_font_dirs() if resource_dirs is None else resource_dirs:
        if d.is_dir():
            names += [p for p in sorted(d.iterdir()) if p.suffix.lower() in (".ttf", ".ttc")]
    names += [Path(p) for p in LINUX_EXTRA]
    if use_fc_list:
        names += _fc_list(_FC_RARE)
    names += system_candidates(env, use_fc_list=False)
    seen = {main.resolve()}
    out: list[Path] = []
    for p in names:
        if p.is_file() and (real := p.resolve()) not in seen:
            seen.add(real)
            out.append(p)
    return out


def document_font(setting: str | None = None, *, env: Mapping[str, str] | None = None,
                  resource_dirs: Iterable[Path] | None = None,
                  system: Iterable[Path] | None = None,
                  fallbacks: Iterable[Path] | None = None) -> DocumentFont:
    """The registered document font (cached per process: loading a CJK font is slow).

    ``resource_dirs`` and ``system`` are passed to :func:`locate`, ``fallbacks``
    replaces :func:`fallback_candidates`; a font found with any of them is not cached.
    """
    env = os.environ if env is None else env
    dirs = None if resource_dirs is None else list(resource_dirs)
    key = (setting, env.get(ENV_VAR))
    cacheable = dirs is None and system is None and fallbacks is None
    if cacheable and key in _CACHE:
        return _CACHE[key]
    file, ttf = locate(setting, env=env, resource_dirs=dirs, system=system)
    if ttf.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(ttf)
    extra = fallback_candidates(file.path, env, resource_dirs=dirs) if fallbacks is None \
        else [p for p in fallbacks if p.is_file()]
    font = DocumentFont(ttf.fontName, file, frozenset(ttf.face.charToGlyph), extra_paths=extra)
    if cacheable:
        _CACHE[key] = font
    return font
