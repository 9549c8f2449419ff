#!/bin/sh
# The staff console in a real browser: see tests/browser/console.py.
. tests/lib.sh
needs chromium chromium
needs chromedriver chromium-driver
needs openssl openssl
# python3-selenium is Debian's: the python3 on PATH may be another one.
# (Not exec: lib.sh's trap removes its temporary directory at the exit.)
for py in python3 /usr/bin/python3; do
    if "$py" -c 'import selenium' 2>/dev/null; then
        "$py" tests/browser/console.py
        exit $?
    fi
done
echo "# skip: no python3 with selenium (Debian package python3-selenium)"
