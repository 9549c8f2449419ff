#!/bin/sh
# The console under bad input and abuse: see abuse.py.
. tests/lib.sh
needs python3
exec python3 tests/console/abuse.py
