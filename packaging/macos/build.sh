#!/usr/bin/env bash
# Build GD Studio for macOS (run on a Mac, Python >= 3.11 from python.org or Homebrew):
#   dist/GD Studio.app                 windowed app bundle (PyInstaller BUNDLE, from the wheel)
#   dist/GDStudio-VERSION-macos-ARCH.dmg   drag-to-Applications disk image (make_dmg.sh)
# Environment: PYTHON (default python3).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}
BUILD=$ROOT/build/macos
DIST=$ROOT/dist
log() { printf '\n==> %s\n' "$*"; }

[ "$(uname -s)" = Darwin ] || { echo "build.sh: this script runs on macOS" >&2; exit 2; }

log "build venv"
rm -rf "$BUILD/venv"
mkdir -p "$BUILD" "$DIST"
"$PYTHON" -m venv "$BUILD/venv"
VPY=$BUILD/venv/bin/python
"$VPY" -m pip install -q --upgrade pip
"$VPY" -m pip install -q build 'pyinstaller>=6.22,<7'

log "sdist and wheel"
rm -rf "$DIST"/gdstudio-*.whl "$DIST"/gdstudio-*.tar.gz "$DIST/gdstudio" "$DIST/GD Studio.app"
"$VPY" -m build --outdir "$DIST" "$ROOT"
"$VPY" -m pip install -q "$DIST"/gdstudio-*-py3-none-any.whl
VERSION=$(cd "$BUILD" && "$VPY" -c "import gdstudio; print(gdstudio.__version__)")

log "icons"
(cd "$BUILD" && QT_QPA_PLATFORM=offscreen "$VPY" "$ROOT/packaging/icons.py" "$BUILD/icons")

log "PyInstaller"
(cd "$BUILD" && GDSTUDIO_ICON_DIR="$BUILD/icons" "$BUILD/venv/bin/pyinstaller" \
  --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$BUILD/pyinstaller" \
  "$ROOT/packaging/gdstudio.spec")
APP="$DIST/GD Studio.app"
plutil -lint "$APP/Contents/Info.plist"

log "self-test (offscreen screenshot)"
(cd /tmp && QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/gdstudio" \
  --screenshot "$BUILD/selftest.png" --steps 20 rosenbrock_race)
[ -s "$BUILD/selftest.png" ]

log "disk image"
"$ROOT/packaging/macos/make_dmg.sh" "$APP" "$DIST/GDStudio-$VERSION-macos-$(uname -m).dmg"
du -sh "$APP" "$DIST"/GDStudio-*.dmg
