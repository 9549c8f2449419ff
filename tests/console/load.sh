#!/bin/sh
# The console under 1,000 concurrent requests: see load.py.
. tests/lib.sh
needs python3
exec python3 tests/console/load.py
