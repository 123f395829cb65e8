#!/usr/bin/env bash
# Renders the raster icons committed next to queuedeck.svg: the hicolor PNGs Linux installs,
# queuedeck.ico for the Windows installer and queuedeck.icns for the macOS bundle. Run it after
# changing the SVG and commit the results; builds never need these tools, so Windows and macOS
# builders, which have none of them, get the same pictures.
#
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "render-icons: $tool is missing" >&2; exit 1; }
done

sizes=(16 24 32 48 64 128 256 512)
mkdir -p png
for size in "${sizes[@]}"; do
  rsvg-convert --width "$size" --height "$size" queuedeck.svg --output "png/queuedeck-$size.png"
done

icotool --create --output queuedeck.ico \
  png/queuedeck-{16,24,32,48,64,128}.png --raw png/queuedeck-256.png
# png2icns knows 16, 32, 48, 128, 256 and 512; 24 and 64 have no ICNS slot.
png2icns queuedeck.icns png/queuedeck-{16,32,48,128,256,512}.png >/dev/null
echo "render-icons: wrote png/, queuedeck.ico and queuedeck.icns"
