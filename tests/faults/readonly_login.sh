#!/bin/sh
# Staff on a kiosk whose database cannot be written (a failing SD card
# remounted read-only, wrong ownership after a manual restore): exactly
# when the technician screen is needed. The login cannot count attempts in
# the store there; it counts them in memory with the same policy (the fifth
# wrong PIN locks 1 minute, then 2, 4 ...), so the right PIN opens staff
# mode and the technician screen, and guessing stays bounded.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/d"
mkdir -p "$d"
chmod 755 "$TMP" # for unprivileged_kiosk
"$CTL" --db "$d/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | "$CTL" --db "$d/kiosk.db" --now "$NOW" staff add 王芳 >/dev/null
unprivileged_kiosk "$d"
chmod 0444 "$d/kiosk.db"
chmod 0555 "$d"
sum_before=$(sha256sum <"$d/kiosk.db")
kiosk() { # SCRIPT: the read-only kiosk runs it
    chmod 644 "$1"
    (cd "$TMP" && as_user "$ro_kiosk" --headless --data-dir "$d" --now "$NOW" --script "$1" \
        >"$TMP/out" 2>"$TMP/log")
    rc=$?
    [ $rc -ne 0 ] && grep -a 'step failed' -A 3 "$TMP/log"
    return $rc
}
pin() { # DIGITS: the taps for a PIN, then next
    echo "$1" | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
}

{
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    pin 246810
    echo "expect-screen staff"
    echo 'expect-text "王芳"'
    echo "tap tech"
    echo "expect-screen technician"
} >"$TMP/right.txt"
kiosk "$TMP/right.txt"
check "read-only database: the right PIN opens staff mode and the technician screen" test $? -eq 0
check "the log says the login was counted in memory and not audited" \
    grep -q "staff login: 王芳 (the database cannot be written: counted in memory, not audited)" "$TMP/log"

{
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    for i in 1 2 3 4; do
        pin 111111
        echo 'expect-text "密码不正确"'
        echo 'expect-no-text "输错次数过多"'
    done
    pin 111111
    echo 'expect-text "输错次数过多"'
    pin 246810
    echo "expect-screen staff-login"
    echo 'expect-text "输错次数过多"'
    # The first lockout is a minute: after it, the right PIN works...
    echo "wait 61"
    echo "tap-if more-time" # the idle warning of a minute untouched
    echo "expect-screen staff-login"
    pin 246810
    echo "expect-screen staff"
    echo "tap home"
    echo "expect-screen attract"
    # ... and five more wrong ones lock again.
    echo "hold 40 40 3.5"
    echo "expect-screen staff-login"
    for i in 1 2 3 4 5; do pin 111111; done
    echo 'expect-text "输错次数过多"'
    pin 246810
    echo "expect-screen staff-login"
} >"$TMP/wrong.txt"
kiosk "$TMP/wrong.txt"
check "read-only database: five wrong PINs lock, the right one is refused while locked" test $? -eq 0
check "the lockout is logged" grep -q "staff login refused: locked" "$TMP/log"
check "no PIN in the log or the output" sh -c "! grep -q 246810 '$TMP/log' '$TMP/out'"
check "the database file is unchanged" test "$(sha256sum <"$d/kiosk.db")" = "$sum_before"
chmod 0755 "$d"
