#!/usr/bin/env bash
# Set up everything Second Opinion Desk needs on a fresh Debian/Ubuntu machine, then run it.
#   bash packaging/dev.sh app  [sodesk args]   set up, then open the desk on its default database
#   bash packaging/dev.sh test [pytest args]   set up, then run the whole test suite
# Installs what is missing and nothing else: the system libraries Qt needs (apt), a virtual env in .venv,
# and the Python packages from pyproject.toml (re-installed only when pyproject.toml changes).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"
[ $# -gt 0 ] && shift
case "$mode" in app|test) ;; *) echo "usage: bash packaging/dev.sh app|test [args]" >&2; exit 2 ;; esac

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- system libraries (see shared/FACTS.md: measured in a bare debootstrap) ---------------------------------
packages=(libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
          fonts-dejavu-core fonts-droid-fallback)
headless=0
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then headless=1; fi
if [ "$mode" = app ]; then
  # a real window (or one on a virtual screen) needs the xcb plugin's libraries; tests run offscreen
  packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
             libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)
  [ "$headless" = 1 ] && packages+=(xvfb xauth)
fi
if [ "$mode" = test ]; then
  # the storage, service and concurrency suites run on a real PostgreSQL server too (a throw-away cluster the
  # tests start as the package's unprivileged `postgres` user: app/devtools/pgcluster.py)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
fi
python_bin=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python_bin="$(command -v "$candidate")"; break
  fi
done
[ -z "$python_bin" ] && packages+=(python3 python3-venv)
if [ -n "$python_bin" ] && ! "$python_bin" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -z "$python_bin" ]; then python_bin="$(command -v python3)"; fi

# --- virtual env and Python packages -------------------------------------------------------------------------
extras="."
[ "$mode" = test ] && extras=".[test]"
stamp=".venv/.installed-$(echo "$extras" | tr -c 'a-z' '_')"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $("$python_bin" --version)"
  "$python_bin" -m venv .venv
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing Python packages ($extras)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$extras"
  echo "$want" > "$stamp"
fi

# Byte-compiled as an installed app is (quick when nothing changed; PYTHONDONTWRITEBYTECODE would otherwise make
# every start compile the sources again).
.venv/bin/python -m compileall -q app >/dev/null || true

# --- run -----------------------------------------------------------------------------------------------------
if [ "$mode" = test ]; then
  say "running the test suite"
  export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
  exec .venv/bin/python -m pytest "$@"
fi
say "starting Second Opinion Desk"
if [ "$headless" = 1 ]; then
  echo "no screen found: the desk runs on a virtual screen (Xvfb); set DISPLAY to see it" >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/sodesk "$@"
fi
exec .venv/bin/sodesk "$@"
