"""``python -m dnastack``: the ``dnastack`` command line."""

from __future__ import annotations

from dnastack.cli.main import main

__all__: list[str] = []

if __name__ == "__main__":
    main()
