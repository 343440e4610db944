#!/usr/bin/env bash
# Install the built app (dist/sodesk from packaging/build_bundle.sh) for the current user, or remove it:
#   bash packaging/linux/install.sh            -> ~/.local/opt/sodesk, ~/.local/bin/sodesk, menu entry and icon
#   bash packaging/linux/install.sh --remove   (the desk's database in ~/.local/share/SecondOpinionDesk is kept)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
prefix="${PREFIX:-$HOME/.local}"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$prefix/opt/sodesk"
if [ "${1:-}" = "--remove" ]; then
  rm -rf "$target" "$prefix/bin/sodesk" "$data/applications/sodesk.desktop" \
         "$data/icons/hicolor/256x256/apps/sodesk.png" "$data/icons/hicolor/scalable/apps/sodesk.svg"
  echo "removed Second Opinion Desk (your database and letters are kept)"
  exit 0
fi
[ -x "$root/dist/sodesk/sodesk" ] || { echo "no dist/sodesk: run bash packaging/build_bundle.sh first" >&2; exit 2; }
mkdir -p "$prefix/opt" "$prefix/bin" "$data/applications" "$data/icons/hicolor/256x256/apps" \
         "$data/icons/hicolor/scalable/apps"
rm -rf "$target.new" && cp -a "$root/dist/sodesk" "$target.new" && rm -rf "$target" && mv "$target.new" "$target"
ln -sfn "$target/sodesk" "$prefix/bin/sodesk"
install -m 644 "$root/resources/icons/sodesk-256.png" "$data/icons/hicolor/256x256/apps/sodesk.png"
install -m 644 "$root/resources/icons/sodesk.svg" "$data/icons/hicolor/scalable/apps/sodesk.svg"
sed "s|^Exec=sodesk$|Exec=$target/sodesk|" "$here/sodesk.desktop" > "$data/applications/sodesk.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
"$target/sodesk" --self-test >/dev/null && echo "installed in $target; self-test passed; 'sodesk' is in $prefix/bin"
