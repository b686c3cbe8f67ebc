"""Entry of mediation-desk.exe (the console command line, built in UTF-8 mode): the same
main() as the `mediation-desk` command a pip install makes; a verb runs the CLI."""

from mediation_desk.__main__ import main

raise SystemExit(main())
