"""Time one import statement in a fresh interpreter; report milliseconds and modules loaded."""

from __future__ import annotations

import sys
import time

STATEMENTS = {
    "package": "import dnastack",
    "data-connect": "from dnastack import DataConnectClient",
}


def main() -> None:
    statement = STATEMENTS[sys.argv[1]]
    before = len(sys.modules)
    started = time.perf_counter()
    exec(statement, {})
    seconds = time.perf_counter() - started
    modules = len(sys.modules) - before
    # no json import: it would count as one of the modules loaded before the statement
    sys.stdout.write(f'{{"value": {seconds * 1e3:.6f}, "modules": {modules}}}\n')


if __name__ == "__main__":
    main()
