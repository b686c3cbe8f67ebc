"""Entry of MediationDesk.exe (the windowed desktop): the package's own main(), as an absolute
import so PyInstaller follows it (mediation_desk/__main__.py's relative imports it cannot)."""

from mediation_desk.__main__ import main

raise SystemExit(main())
