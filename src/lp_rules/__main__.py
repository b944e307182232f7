"""``python -m lp_rules``: see cli.py."""

from .cli import main

raise SystemExit(main())
