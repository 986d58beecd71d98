"""``python -m dnastack.contract``: see :mod:`dnastack.contract.cli`."""

from __future__ import annotations

import sys

from dnastack.contract.cli import main

if __name__ == "__main__":
    sys.exit(main())
