"""Run every scenario of ``scenarios.py`` with this interpreter's ``dnastack``; print JSON.

Usage: ``python run_scenarios.py OUTPUT.json [NAME...]`` (the node URL in
``COMPAT_NODE_URL``): the named scenarios, or every one not run in isolation. Each
scenario becomes ``{"value": ...}`` or ``{"error": "ClassName: message"}``; one scenario's
failure (or its time limit) never stops the others.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

SCENARIO_TIMEOUT_SECONDS = 90


class ScenarioTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise ScenarioTimeout(f"no result within {SCENARIO_TIMEOUT_SECONDS} s")


def main(output: str, names: list[str]) -> int:
    logging.disable(logging.CRITICAL)  # the reference logs errors it then raises
    sys.path.insert(0, str(Path(__file__).parent))
    from scenarios import ISOLATED, SCENARIOS

    signal.signal(signal.SIGALRM, _on_alarm)
    results: dict[str, Any] = {}
    for name, function in SCENARIOS.items():
        if (name not in names) if names else (name in ISOLATED):
            continue
        signal.alarm(SCENARIO_TIMEOUT_SECONDS)
        try:
            results[name] = {"value": json.loads(json.dumps(function()))}
        except BaseException as exc:  # noqa: BLE001 - every failure is an observation
            results[name] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
        finally:
            signal.alarm(0)
    Path(output).write_text(json.dumps(results, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
