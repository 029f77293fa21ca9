#!/usr/bin/env bash
# Build GD Studio for Linux from a clean clone, into dist/:
#   dist/gdstudio-VERSION.tar.gz, dist/gdstudio-VERSION-py3-none-any.whl   (python -m build)
#   dist/gdstudio/                       the frozen one-folder app (PyInstaller, from the wheel)
#   dist/gdstudio_VERSION_amd64.deb      installs it to /opt/gdstudio, /usr/bin/gdstudio
#
# Needs Debian 12 (or similar) with python3 >= 3.11. Installs the Debian packages it needs
# (as root, or with sudo) and PyInstaller from PyPI into its own venv, build/linux/venv.
# Environment: PYTHON (default python3), GDSTUDIO_MAINTAINER (the .deb's Maintainer).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# Debian's own Python by default (its libpython3.11 is what gets bundled).
if [ -z "${PYTHON:-}" ]; then
  if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
BUILD=$ROOT/build/linux
DIST=$ROOT/dist
MAINTAINER=${GDSTUDIO_MAINTAINER:-GD Studio developers <gdstudio@example.org>}
PYINSTALLER_SPEC='pyinstaller>=6.22,<7'
start_s=$(date +%s)
log() { printf '\n==> [%3d s] %s\n' "$(( $(date +%s) - start_s ))" "$*"; }

# --- Debian packages ------------------------------------------------------------------
# dpkg-dev/binutils: dpkg-deb, strip, objdump. The libraries: Qt offscreen (icons and the
# self-test) and the X11/xcb libraries PyInstaller must find here to put in the bundle
# (the xcb platform plugin needs them; only libxcb1 itself is left to the system).
pkgs="dpkg-dev binutils file libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  fonts-dejavu-core libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
  libxkbcommon-x11-0"
"$PYTHON" -c "import ensurepip" 2>/dev/null || pkgs="$pkgs python3-venv"
# PyInstaller needs the shared libpython; Debian ships it separately.
if [ "$PYTHON" = /usr/bin/python3 ]; then
  pkgs="$pkgs libpython$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
fi
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  log "installing Debian packages:$missing"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  # shellcheck disable=SC2086
  $sudo_ apt-get update -qq && $sudo_ env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $missing
fi

# --- build venv: build + PyInstaller, then the wheel ----------------------------------
log "build venv ($BUILD/venv)"
mkdir -p "$BUILD" "$DIST"
if [ "$(cat "$BUILD/venv/.base-python" 2>/dev/null)" != "$PYTHON" ]; then
  rm -rf "$BUILD/venv"
  "$PYTHON" -m venv "$BUILD/venv"
  echo "$PYTHON" >"$BUILD/venv/.base-python"
fi
VPY=$BUILD/venv/bin/python
"$VPY" -m pip install -q --disable-pip-version-check --upgrade pip
"$VPY" -m pip install -q --disable-pip-version-check build "$PYINSTALLER_SPEC"

log "translations (.ts -> .qm with PySide6's lrelease, before the wheel takes resources/)"
"$VPY" -c 'import sys, tomllib
deps = tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]
print("\n".join(d for d in deps if d.startswith("PySide6")))' "$ROOT/pyproject.toml" \
  >"$BUILD/pyside-requirements.txt"
"$VPY" -m pip install -q --disable-pip-version-check -r "$BUILD/pyside-requirements.txt"
PYTHONPATH="$ROOT" "$VPY" -m gdstudio.gui.i18n build

log "sdist and wheel (python -m build)"
rm -rf "$DIST"/gdstudio-*.tar.gz "$DIST"/gdstudio-*.whl "$DIST/gdstudio" "$DIST"/gdstudio_*.deb
"$VPY" -m build --outdir "$DIST" "$ROOT" >"$BUILD/python-build.log" 2>&1 \
  || { tail -40 "$BUILD/python-build.log"; exit 1; }
WHEEL=$(ls "$DIST"/gdstudio-*-py3-none-any.whl)
"$VPY" -m pip uninstall -q -y gdstudio 2>/dev/null || true
"$VPY" -m pip install -q --disable-pip-version-check "$WHEEL"
VERSION=$(cd "$BUILD" && "$VPY" -c "import gdstudio; print(gdstudio.__version__)")
echo "gdstudio $VERSION, from $WHEEL"

log "icons"
(cd "$BUILD" && QT_QPA_PLATFORM=offscreen "$VPY" "$ROOT/packaging/icons.py" "$BUILD/icons")

# --- frozen app -----------------------------------------------------------------------
log "PyInstaller (one-folder, from the installed wheel)"
(cd "$BUILD" && GDSTUDIO_ICON_DIR="$BUILD/icons" "$BUILD/venv/bin/pyinstaller" \
  --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$BUILD/pyinstaller" \
  "$ROOT/packaging/gdstudio.spec") >"$BUILD/pyinstaller.log" 2>&1 \
  || { tail -40 "$BUILD/pyinstaller.log"; exit 1; }
BUNDLE=$DIST/gdstudio

log "self-test of the frozen app (offscreen screenshot)"
rm -f "$BUILD/selftest.png"
(cd /tmp && QT_QPA_PLATFORM=offscreen "$BUNDLE/gdstudio" --screenshot "$BUILD/selftest.png" \
  --steps 20 rosenbrock_race 2>"$BUILD/selftest.log") \
  || { cat "$BUILD/selftest.log"; exit 1; }
[ -s "$BUILD/selftest.png" ] || { echo "no screenshot written"; exit 1; }

log "system libraries the bundle needs (must all be in the .deb's Depends)"
# Everything the bundle links is either inside it or one of these (libc6, libgl1,
# libegl1, libxcb1, libfontconfig1, libbz2-1.0 and their own dependencies); anything else
# would be a missing Depends.
libdirs=$(find "$BUNDLE" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
allowed='^(libc|libm|libpthread|libdl|librt|libresolv|libutil|ld-linux-x86-64|libGL|libEGL|libGLX|libGLdispatch|libOpenGL|libxcb|libXau|libXdmcp|libbsd|libmd|libfontconfig|libfreetype|libpng16|libz|libexpat|libbz2|libbrotlicommon|libbrotlidec|libuuid)\.so'
bad=$(find "$BUNDLE" -type f -name '*.so*' -print0 \
  | xargs -0 env LD_LIBRARY_PATH="$libdirs" ldd 2>/dev/null \
  | awk '/=>/ { if ($3 == "not") print $1 " NOT FOUND"; else if (index($3, B) != 1) print $1 }' \
      B="$BUNDLE" | sort -u | grep -Ev "$allowed" || true)
if [ -n "$bad" ]; then
  echo "the bundle needs system libraries outside its Depends:"; echo "$bad"; exit 1
fi

# --- .deb -----------------------------------------------------------------------------
log ".deb"
APPID=org.gdstudio.GDStudio
STAGE=$BUILD/deb/root
rm -rf "$BUILD/deb"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/gdstudio" "$STAGE/usr/share/man/man1" \
  "$STAGE/usr/share/lintian/overrides" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/gdstudio"
ln -s /opt/gdstudio/gdstudio "$STAGE/usr/bin/gdstudio"
L=$ROOT/packaging/linux
sed "s/@VERSION@/$VERSION/g" "$L/$APPID.desktop" >"$STAGE/usr/share/applications/$APPID.desktop"
sed "s/@VERSION@/$VERSION/g; s/@DATE@/$(date -u +%Y-%m-%d -d "@${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}")/g" \
  "$L/$APPID.metainfo.xml" >"$STAGE/usr/share/metainfo/$APPID.metainfo.xml"
for s in 16 24 32 48 64 128 256 512; do
  mkdir -p "$STAGE/usr/share/icons/hicolor/${s}x${s}/apps"
  cp "$BUILD/icons/gdstudio-$s.png" "$STAGE/usr/share/icons/hicolor/${s}x${s}/apps/$APPID.png"
done
cp "$ROOT/resources/icons/gdstudio.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$APPID.svg"
cp "$L/copyright" "$STAGE/usr/share/doc/gdstudio/copyright"
sed "s/@VERSION@/$VERSION/g; s/@MAINTAINER@/$MAINTAINER/g; s/@DATE@/$(date -u -R)/g" \
  "$L/changelog" | gzip -9n >"$STAGE/usr/share/doc/gdstudio/changelog.gz"
sed "s/@VERSION@/$VERSION/g" "$L/gdstudio.1" | gzip -9n >"$STAGE/usr/share/man/man1/gdstudio.1.gz"
cp "$L/lintian-overrides" "$STAGE/usr/share/lintian/overrides/gdstudio"

# Ownership comes from --root-owner-group; modes: directories and executables 0755,
# everything else (shared libraries included) 0644.
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f -exec chmod 0644 {} +
chmod 0755 "$STAGE/opt/gdstudio/gdstudio"

INSTALLED_KB=$(du -sk --apparent-size "$STAGE" --exclude=DEBIAN | cut -f1)
sed "s/@VERSION@/$VERSION/g; s/@MAINTAINER@/$MAINTAINER/g; s/@INSTALLED_SIZE@/$INSTALLED_KB/g" \
  "$L/control" >"$STAGE/DEBIAN/control"
DEB=$DIST/gdstudio_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
dpkg-deb --info "$DEB" | sed -n '/Package:/,$p'

log "done in $(( $(date +%s) - start_s )) s"
du -sh "$BUNDLE" "$DEB" "$WHEEL" "$DIST"/gdstudio-*.tar.gz
