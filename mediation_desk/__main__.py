"""Entry point: a verb runs the command line; no verb (or --db/--demo), or one exchange file
(``mediation-desk 文件.mdx``, what a double click on an .mdx runs), starts the desktop."""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_FLAGS = {"--db", "--demo", "--lang", "--demo-cases", "--seed", "--exit-after-first-rows"}
EXCHANGE_SUFFIX = ".mdx"


def opens_exchange_file(args: Sequence[str]) -> bool:
    """One argument naming an exchange file (any case of .mdx): the desktop previews it."""
    return len(args) == 1 and args[0].lower().endswith(EXCHANGE_SUFFIX)


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the command line or the GUI."""
    from .console import use_utf8

    use_utf8()  # the CLI's output and the GUI's stderr (its log lines) in UTF-8 on any console
    args = list(sys.argv[1:] if argv is None else argv)
    first = args[0].split("=")[0] if args else ""
    if not args or first in GUI_FLAGS or opens_exchange_file(args):
        from .app import main as gui_main

        return gui_main(args)
    from .cli import run

    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
