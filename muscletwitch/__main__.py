"""python -m muscletwitch: the command line."""

from .cli import main

raise SystemExit(main())
