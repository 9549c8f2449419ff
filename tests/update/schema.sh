#!/bin/sh
# Issue 14 item 6: releases and the schema (docs/updates.md, "Releases and
# the schema"). A release that migrates the database to the next schema,
# then is rolled back: the older release keeps booking in the newer file,
# and nothing is lost either way. Shown with a synthetic next schema
# (schema.c, STORE_TEST_NEXT_SCHEMA: one after this build's, it adds a
# column, a table and a trigger) in kioskctl builds made for the tests:
# next-schema-0 declares itself compatible with this build's schema
# (additive), next-schema-1 does not. The latter is refused by this build
# with a clear message, the kiosk stays out of service, and the file is left
# as it was.
. tests/update/lib.sh
NEXT="$PWD/$BUILD/next-schema-0/kioskctl"
BAD="$PWD/$BUILD/next-schema-1/kioskctl"
# This build's schema (C) and the synthetic next one (N).
C=$(sed -n 's/^#define STORE_SCHEMA_REAL \([0-9]*\)$/\1/p' firmware/store/store.h)
N=$((C + 1))
[ -n "$C" ] || { not_ok "firmware/store/store.h names STORE_SCHEMA_REAL"; exit 1; }
for b in "$NEXT" "$BAD"; do
    [ -x "$b" ] || { not_ok "$b is built (make $b)"; exit 1; }
done
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000  # the kiosk's booking
SID2=zhiyuanzhe-baoming-20261201-1000 # kioskctl's (10 seats)
DB="$TMP/d/kiosk.db"
mkdir -p "$TMP/d"
# sql QUERY: a value from the file, as a staff sqlite3 shell reads it.
sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }
# atN TICKET: a ticket was issued and the file is at the next schema version.
atN() { [ -n "$1" ] && [ "$(sql 'PRAGMA user_version')" = $N ]; }

# Releases: 1.0.0 runs this build's kioskctl (schema $C), 1.1.0 the one
# that knows schema $N. The booking clerk is whatever release is current.
for r in 1.0.0:"$CTL" 1.1.0:"$NEXT"; do
    v=${r%%:*}
    stage "$v"
    cp "${r#*:}" "$TMP/stage-$v/bin/kioskctl"
    bundle "$v"
done
K() { "$ROOT/current/bin/kioskctl" --db "$DB" --now "$NOW" "$@"; }
expect_exit 0 "1.0.0 installs" U apply "$TMP/b-1.0.0.tar"
K import-catalog assets/catalog/demo.ini >/dev/null
a=$(K book --session $SID2 --phone 13800000001)
check "1.0.0 books (schema $C)" test -n "$a"
expect_exit 0 "1.1.0 installs" U apply "$TMP/b-1.1.0.tar"
b=$(K book --session $SID2 --phone 13800000002)
check "1.1.0 migrates the file to schema $N and books" atN "$b"
check "... recording that it is compatible with schema $C" \
    test "$(sql "SELECT value FROM meta WHERE key = 'schema_compatible_with'")" = $C
expect_exit 0 "1.1.0 is rolled back" U rollback
check "... 1.0.0 is current" test "$(current)" = releases/1.0.0
expect_exit 0 "1.0.0's check accepts the newer, compatible file" K check
check "... saying so" grep -qx "ok, schema version $N (newer than this build's $C, and compatible with it)" "$TMP/out"
c=$(K book --session $SID2 --phone 13800000003)
check "1.0.0 books in the schema $N file" test -n "$c"
check "... which stays at schema $N (never migrated down)" test "$(sql 'PRAGMA user_version')" = $N
# The kiosk of this build (schema $C) books in it too, on its screens.
printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\ntap session:%s\ntype 13812345678\ntap next\ntap confirm\nexpect-screen ticket\n' \
    "$SID" >"$TMP/book.txt"
"$KIOSK" --headless --data-dir "$TMP/d" --now "$NOW" --script "$TMP/book.txt" >"$TMP/kout" 2>"$TMP/klog"
check "the schema $C kiosk books in the schema $N file" test $? -eq 0
expect_exit 0 "forward again to 1.1.0" U rollback
d=$(K book --session $SID2 --phone 13800000004)
check "1.1.0 books again" test -n "$d"
K bookings --format csv >"$TMP/all.csv"
for t in "$a" "$b" "$c" "$d"; do
    check "booking $t is there after the round trip" grep -q "^$t,$SID2," "$TMP/all.csv"
done
check "... and the kiosk's" grep -q "13812345678" "$TMP/all.csv"
check "five bookings, none lost" test "$(sql 'SELECT count(*) FROM bookings')" -eq 5
check "the schema $N rule (a note for every booking) held for schema $C's bookings too" \
    test "$(sql 'SELECT count(*) FROM bookings b JOIN booking_notes n ON n.ticket = b.ticket')" -eq 5
check "the new column took its default for them" \
    test "$(sql "SELECT count(*) FROM bookings WHERE channel = 'kiosk'")" -eq 5
expect_exit 0 "1.1.0's check" K check
check "... schema $N, ok" grep -qx "ok, schema version $N" "$TMP/out"

# ---- an incompatible next schema --------------------------------------------------------
DB="$TMP/bad/kiosk.db"
mkdir -p "$TMP/bad"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
a=$(ctl book --session $SID2 --phone 13800000001)
b=$("$BAD" --db "$DB" --now "$NOW" book --session $SID2 --phone 13800000002)
check "the incompatible next schema migrates and books" atN "$b"
check "... recording that it needs schema $N" \
    test "$(sql "SELECT value FROM meta WHERE key = 'schema_compatible_with'")" = $N
sum=$(sha256sum <"$DB")
expect_exit 1 "this build refuses to book in it" ctl book --session $SID2 --phone 13800000003
check "... saying why and what to do" \
    grep -q "schema version $N is newer than this build knows ($C) and says it needs schema $N or later: .*the file is left as it is" "$TMP/err"
expect_exit 1 "this build's check refuses it" ctl check
check "... saying why" grep -q "schema version $N is newer than this build knows ($C)" "$TMP/err"
{
    echo "tap-at 500 900"
    echo 'expect-text "本机暂停预约，可以查看服务；预约请找工作人员"'
    echo "tap category:yanglao"
    echo "tap service:kangyang-zixun"
    echo "tap book"
    echo "expect-screen slots"
    echo "widgets"
} >"$TMP/out-of-service.txt"
"$KIOSK" --headless --data-dir "$TMP/bad" --now "$NOW" --script "$TMP/out-of-service.txt" >"$TMP/kout" 2>"$TMP/klog"
check "the kiosk of this build stays out of service (the banner)" test $? -eq 0
check "... no session can be tapped to book" \
    sh -c "grep -q '^session:' '$TMP/kout' && ! grep '^session:' '$TMP/kout' | grep -qv 'disabled$'"
check "... its log says why" grep -q "schema version $N is newer than this build knows" "$TMP/klog"
check "the file is unchanged" test "$(sha256sum <"$DB")" = "$sum"
check "nothing set aside or restored" sh -c "! ls '$TMP/bad' | grep -q corrupt"
"$BAD" --db "$DB" --now "$NOW" bookings --format csv >"$TMP/bad.csv"
check "the newer firmware still has both bookings" \
    sh -c "grep -q '^$a,' '$TMP/bad.csv' && grep -q '^$b,' '$TMP/bad.csv'"
