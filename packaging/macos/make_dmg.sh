#!/usr/bin/env bash
# make_dmg.sh APP OUT.dmg — a compressed, read-only disk image holding APP and a link to
# /Applications (drag to install). Uses only hdiutil, which every macOS has.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 'GD Studio.app' OUT.dmg" >&2
  exit 2
fi
app=$1
out=$2
[ -d "$app/Contents/MacOS" ] || { echo "$app is not an app bundle" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$out"
hdiutil create -volname "GD Studio" -srcfolder "$stage" -fs HFS+ -format UDZO \
  -imagekey zlib-level=9 -ov "$out"
hdiutil verify "$out"
echo "wrote $out"
