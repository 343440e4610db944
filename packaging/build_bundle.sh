#!/usr/bin/env bash
# Build the one-folder app (dist/sodesk/) with PyInstaller and run its self-test from the built folder.
#   bash packaging/build_bundle.sh
# PyInstaller is a build tool, not a dependency of the app: it is installed into .venv here when missing and
# is never listed in pyproject.toml. Exit status: 0 built and self-tested; non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
python="$root/.venv/bin/python"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -x "$python" ]; then
  echo "build_bundle: no .venv here; run 'bash packaging/dev.sh test' first to set it up" >&2
  exit 2
fi
if ! "$python" -c 'import PyInstaller' 2>/dev/null; then
  say "installing PyInstaller into .venv (build tool only)"
  "$python" -m pip install --quiet "pyinstaller>=6.10,<7"
fi
say "checking the compiled Designer forms are fresh"
"$python" packaging/compile_forms.py --check

say "building dist/sodesk with PyInstaller $("$python" -c 'import PyInstaller; print(PyInstaller.__version__)')"
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$root/dist" \
  --workpath "$root/build/pyinstaller" packaging/sodesk.spec
seconds=$(( $(date +%s) - start ))
size=$(du -sm dist/sodesk | cut -f1)
files=$(find dist/sodesk -type f | wc -l)
say "built dist/sodesk in ${seconds} s: ${size} MB, ${files} files"

say "self-test from the built folder (no source tree, no virtual env on the path)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# A clean environment and another working folder: the bundle must find everything inside itself.
if (cd "$scratch" && env -i HOME="$scratch" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
      "$root/dist/sodesk/sodesk" --self-test); then
  say "bundle OK: dist/sodesk (${size} MB, built in ${seconds} s)"
else
  status=$?
  echo "build_bundle: the bundle's self-test FAILED (exit $status)" >&2
  exit "$status"
fi
