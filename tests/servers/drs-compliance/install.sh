#!/usr/bin/env bash
# Install GA4GH's drs-compliance-suite 1.0.3 into a git-ignored venv (default tests/servers/.venv-dcs).
#
# The published wheel needs three fixes: `jsonschema` (imported, not declared), `werkzeug<2.3`
# (Flask 2.2.0 is pinned but Werkzeug 3 gets pulled in), and a top-level
# `supported_drs_versions` module, which lives in ./shim and goes on PYTHONPATH at run time.
# Idempotent: does nothing when the venv already holds this exact requirement set.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${DCS_VENV:-$here/../.venv-dcs}"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.txt"

if [ -x "$venv/bin/drs-compliance-suite" ] && cmp -s "$here/requirements.txt" "$stamp"; then
    exit 0
fi
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cp "$here/requirements.txt" "$stamp"
echo "drs-compliance-suite installed in $venv"
