#!/bin/sh
# The `widgets` dump tells when the layout cut a text with "…": after the
# widgets, one line `elided<TAB>full text<TAB>x,y,w,h` for each, so that
# tests such as elder.sh can hold screens to cutting nothing. Shown on a
# screen that still cuts on purpose (the staff day list sets a service's
# name in two lines at most), with a service whose name is far longer than
# two lines: its full name is reported; the short names beside it are not.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/k"
mkdir -p "$d"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
# 49 characters (147 bytes: the staff list keeps 159), three lines and more.
LONG="康养咨询：老两口的康养难题，社工帮您找办法，居家照护、康复护理和养老机构，一次一户，慢慢说，不着急"
awk -v long="$LONG" '/^\[service /{ s = $2 } s == "kangyang-zixun]" && /^name = /{ $0 = "name = " long } { print }' \
    assets/catalog/demo.ini >"$TMP/long.ini"
check "the test catalog has the long name" grep -q "^name = $LONG\$" "$TMP/long.ini"
ctl import-catalog "$TMP/long.ini" >/dev/null
check "and imports" test $? -eq 0
echo 246810 | ctl staff add 王芳 >/dev/null
{
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    for k in 2 4 6 8 1 0; do echo "tap key:$k"; done
    echo "tap next"
    echo "expect-screen staff"
    echo "widgets"
} >"$TMP/s.txt"
"$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$TMP/s.txt" >"$TMP/out" 2>"$TMP/err"
check "the staff day screen is reached" test $? -eq 0
check "the dump says the long name was cut, with its full text and box" \
    grep -q "^elided	$LONG	[0-9]*,[0-9]*,[0-9]*,[0-9]*\$" "$TMP/out"
check "the widget lines keep their format (id, label, rectangle)" \
    env LC_ALL=C grep -q "^roster:kangyang-zixun-20261201-1000	.*	[0-9]*,[0-9]*,[0-9]*,[0-9]*$" "$TMP/out"
check "a name that fits is not reported" sh -c "! grep -aq '^elided	适老化' '$TMP/out'"
check "only the long name is reported" test "$(grep -ac '^elided' "$TMP/out")" -eq "$(grep -ac "^elided	$LONG" "$TMP/out")"
