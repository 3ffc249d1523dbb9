#!/usr/bin/env bash
# Set up bitext on a fresh Debian/Ubuntu machine: Apertium's Debian packages (when root
# or sudo can install them), a virtual environment in .venv, and the package itself.
# Usage: scripts/setup.sh [--test]   (--test also installs the test dependencies)
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(apertium apertium-fr-es apertium-eng-spa apertium-fra-cat apertium-eng-cat)
missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
        if $sudo true 2>/dev/null; then
            echo "setup: installing ${missing[*]}" >&2
            $sudo apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
        else
            echo "setup: cannot install ${missing[*]} (no root); the apertium engine will be unavailable" >&2
        fi
    else
        echo "setup: no apt-get; the apertium engine will be unavailable" >&2
    fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# argostranslate depends on stanza, which depends on torch; bitext never imports either, so
# pin the release this machine kind ships as a CPU wheel, so pip does not pull a newer CUDA build.
.venv/bin/python -m pip install -q "torch==2.13.0"
extras=""
[ "${1:-}" = "--test" ] && extras="[test,dev]"
.venv/bin/python -m pip install -q -e ".${extras}"
