#!/bin/sh
# The console's pages and actions (issue 18): roster, cancel with a reason,
# the audited reveal, closing a session, find, calls, audit; each action
# checked in the store. One console for the whole file (tests/console/pages.py).
exec python3 "$(dirname "$0")/pages.py"
