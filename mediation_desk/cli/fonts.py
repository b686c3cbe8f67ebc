"""The ``fonts`` verb: which fonts the papers use, and whether a text can be printed.

``fonts`` prints the document font (file, where it was found) and the fallback faces for
rare characters that load (SimSun-ExtB, HanaMinB, ...); ``fonts --text 𠮷祥`` also names
every character of the text no installed face can draw (exit 1 when there is one), so
after installing a font as a refused paper advised, one can see it is picked up. It opens
no desk: a font set in a desk's settings is not read (``MEDIATION_DESK_FONT`` is).
"""

from __future__ import annotations

import argparse
from typing import Any

_SOURCES = {"setting": "设置中指定", "env": "环境变量 MEDIATION_DESK_FONT 指定",
            "resources": "程序的字体目录 mediation_desk/resources/fonts/", "system": "系统字体"}


def run_fonts(args: argparse.Namespace) -> int:
    """Print the fonts; with ``--text``, the characters that cannot be printed."""
    # imported when the verb runs: starting the command line loads no document kit
    from ..documents.fonts import RARE_HINT, document_font

    font = document_font()
    print(f"文书字体：{font.file.path}（{_SOURCES.get(font.file.source, font.file.source)}）")
    rare = False
    for path, chars in font.fallback_files():
        beyond = sum(1 for cp in chars if cp >= 0x20000)
        rare = rare or beyond > 0
        what = f"含扩展 B 区及以后的汉字 {beyond} 个" if beyond else "补充常用字"
        print(f"补充字体：{path}（{what}）")
    if not rare:
        print(f"没有可打印扩展 B 区生僻字（如“𠮷”）的字体。{RARE_HINT}。")
    if args.text is None:
        return 0
    missing = font.missing(args.text)
    if not missing:
        print("这段文字的每个字符都可以打印。")
        return 0
    named = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
    print(f"无法打印的字符：{named}。{RARE_HINT}后重试。")
    return 1


def add_fonts_command(sub: Any) -> None:
    """Register the ``fonts`` verb."""
    p = sub.add_parser("fonts", help="文书使用的字体，以及一段文字能否打印（生僻字）")
    p.add_argument("--text", help="检查这段文字（如当事人姓名）能否打印")
    p.set_defaults(func=run_fonts)
