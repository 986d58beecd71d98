"""``python -m dnastack.contract``: see :mod:`dnastack.contract.cli`."""

from __future__ import annotations

import sys

from dnastack.common.extras import exit_unless_installed

exit_unless_installed("contract", "python -m dnastack.contract")

from dnastack.contract.cli import main  # noqa: E402 - after the check of the extra

if __name__ == "__main__":
    sys.exit(main())
