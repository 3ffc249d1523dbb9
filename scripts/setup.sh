#!/usr/bin/env bash
# Set up bitext on a fresh Debian/Ubuntu machine: Apertium's Debian packages (when root
# or sudo can install them), a virtual environment in .venv, and the package itself.
# Usage: scripts/setup.sh [--test] [--with EXTRA[,EXTRA...]]
#   --test   also the test dependencies (and the ray and parquet extras the tests cover)
#   --with   optional extras from pyproject.toml: ray (the Ray executor), parquet (Parquet)
set -euo pipefail
cd "$(dirname "$0")/.."

testing=false
extras=()
while [ $# -gt 0 ]; do
    case "$1" in
        --test) testing=true ;;
        --with)
            [ $# -ge 2 ] || { echo "setup: --with needs EXTRA[,EXTRA...], e.g. --with ray" >&2; exit 2; }
            IFS=, read -ra named <<<"$2"
            extras+=("${named[@]}")
            shift
            ;;
        *) echo "usage: scripts/setup.sh [--test] [--with EXTRA[,EXTRA...]]" >&2; exit 2 ;;
    esac
    shift
done

apt_packages=(apertium apertium-fr-es apertium-eng-spa apertium-fra-cat apertium-eng-cat)
# The review page's browser tests drive Debian's headless Chromium (playwright's own
# browser download is not reachable offline); chromium-driver gives WebDriver users the
# matching driver.
if $testing; then apt_packages+=(chromium chromium-driver); fi
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
            # Wait for another apt (another checkout's setup) instead of failing on its lock.
            $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
            DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
                "${missing[@]}" >/dev/null
        else
            echo "setup: cannot install ${missing[*]} (no root); the apertium engine or the browser tests will be unavailable" >&2
        fi
    else
        echo "setup: no apt-get; the apertium engine will be unavailable" >&2
    fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# Python 3.11's venv adds setuptools, which bitext never imports at run time (pip builds
# bitext in an isolated environment with the setuptools pyproject.toml asks for): 8 MB less.
# A requirement that needs it installs it again below.
if .venv/bin/python -c "import importlib.util as u, sys; sys.exit(u.find_spec('setuptools') is None)"; then
    .venv/bin/python -m pip uninstall -q -y setuptools
fi
# argostranslate's metadata pulls stanza, spacy and torch (GBs); bitext only imports
# argostranslate.package. So: bitext's dependencies without argostranslate, the few its
# package module needs, argostranslate with --no-deps, then bitext itself with --no-deps
# (scripts/requirements.py reads them from pyproject.toml). No torch, stanza or spacy.
if .venv/bin/python -c "import importlib.util as u, sys; sys.exit(u.find_spec('torch') is None)"; then
    echo "setup: removing torch, stanza and spacy (an older setup installed them; bitext never uses them)" >&2
    .venv/bin/python -m pip uninstall -q -y torch stanza spacy thinc >/dev/null
fi
# The tests cover the Ray executor and Parquet, so --test installs those extras as well.
if $testing; then extras+=(test dev ray parquet); fi
.venv/bin/python scripts/requirements.py "${extras[@]+"${extras[@]}"}" >.venv/bitext-requirements.txt
.venv/bin/python -m pip install -q -r .venv/bitext-requirements.txt
.venv/bin/python -m pip install -q --no-deps "$(.venv/bin/python scripts/requirements.py --argostranslate)"
.venv/bin/python -m pip install -q --no-deps -e .
