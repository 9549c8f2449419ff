#!/bin/sh
# Issue 19 end to end: the kiosk, kioskctl, the console and the calling
# display on one store (through.py says how).
exec python3 "$(dirname "$0")/through.py"
