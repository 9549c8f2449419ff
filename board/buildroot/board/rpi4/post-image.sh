#!/bin/sh
# The kiosk's kernel command line (no console on the panel's VT, no screen
# blanking, no cursor: see board/README.md), then Buildroot's own Raspberry
# Pi 4 image script (boot partition, genimage, sdcard.img).
set -eu
install -m 0644 "$(dirname "$0")/cmdline.txt" "$BINARIES_DIR/rpi-firmware/cmdline.txt"
exec board/raspberrypi4-64/post-image.sh "$@"
