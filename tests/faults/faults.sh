#!/bin/sh
# Faults of the database, the disk and the files the kiosk needs, each with
# what the kiosk must do about it (not only that it survives):
#  - a damaged database is moved aside and the newest good daily backup
#    restored (or an empty one started when there is none); bookings go on;
#  - a database that cannot be written: residents browse, every session
#    shows closed, booking is refused with a message on the screen;
#  - no usable database at all: the catalog is served from memory, the same;
#  - a full disk: the booking is refused with a message, nothing is lost;
#  - kioskctl check says what is wrong with a damaged file;
#  - a missing font or catalog: a clear message at start and exit 1.
. tests/lib.sh
SID=kangyang-zixun-20261201-1000
d="$TMP/d"
mkdir -p "$d"
chmod 755 "$TMP" # the read-only case runs the kiosk as nobody
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
run() { # DATA_DIR SCRIPT [kiosk options]: the kiosk's log in $TMP/log
    dd=$1
    sc=$2
    shift 2
    "$KIOSK" --headless --data-dir "$dd" --now "$NOW" --script "$sc" "$@" >"$TMP/out" 2>"$TMP/log"
    rc=$?
    [ $rc -ne 0 ] && grep -a 'step failed' -A 3 "$TMP/log"
    return $rc
}
book_script() { # the resident books SID for 13812345678
    printf 'tap start\ntap category:yanglao\ntap service:kangyang-zixun\ntap book\n'
    printf 'tap session:%s\ntype 13812345678\ntap next\ntap confirm\n' "$SID"
}
printf 'expect-screen attract\n' >"$TMP/start.txt"

# ---- a damaged database, restored from the daily backup -----------------------
NOW="2026-12-01 09:00"
ctl import-catalog assets/catalog/demo.ini >/dev/null
kept=$(ctl book --session $SID --phone 13800000001)
NOW="2026-12-02 08:00"
run "$d" "$TMP/start.txt"
check "a new day's start takes the daily backup" test -s "$d/backup/kiosk-2026-12-02.db"
check "the database is for the kiosk's user and group only (0640)" test "$(stat -c %a "$d/kiosk.db")" = 640
check "so are its backups (directory 0750, files 0640)" \
    test "$(stat -c %a "$d/backup") $(stat -c %a "$d/backup/kiosk-2026-12-02.db")" = "750 640"
# Pages of the live file overwritten: the damage a bad SD card does.
python3 -c '
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(4096 * 3)
    f.write(b"\xa5" * 4096 * 6)
' "$d/kiosk.db"
expect_exit 1 "kioskctl check fails on the damaged file" ctl check
check "and says what is wrong" grep -q "malformed" "$TMP/err"
NOW="2026-12-08 09:00"
{ echo "tap-at 500 900"; echo "expect-screen home"
  echo 'expect-no-text "本机暂停预约，可以查看服务；预约请找工作人员"'; } >"$TMP/home.txt"
run "$d" "$TMP/home.txt"
check "the kiosk starts on a damaged database" test $? -eq 0
check "it logs that it restored the backup" \
    grep -q "the database was damaged; moved it to .*kiosk.db.corrupt-20261208-0900 and restored the backup kiosk-2026-12-02.db" "$TMP/log"
check "the damaged file is kept aside" test -s "$d/kiosk.db.corrupt-20261208-0900"
expect_exit 0 "the restored database passes kioskctl check" ctl check
check "the booking in the backup is there" \
    test "$(ctl bookings --format csv | grep -c "^$kept,")" -eq 1
SID=kangyang-zixun-20261208-1000
{ book_script; echo "expect-screen ticket"; } >"$TMP/book.txt"
run "$d" "$TMP/book.txt"
check "residents book again at once" test $? -eq 0
check "and the booking is stored" test "$(ctl bookings --date 2026-12-08 --format csv | grep -c 13812345678)" -eq 1

# No good backup: an empty database, and the demo catalog for a fresh store.
d2="$TMP/d2"
mkdir -p "$d2"
head -c 65536 /dev/urandom >"$d2/kiosk.db"
run "$d2" "$TMP/book.txt"
check "with no backup the kiosk starts empty and takes bookings" test $? -eq 0
check "and logs that it did" grep -q "started an empty one (no good backup" "$TMP/log"
check "the damaged file is kept aside" test -s "$d2/kiosk.db.corrupt-20261208-0900"

# ---- a database that cannot be written ---------------------------------------------
d3="$TMP/d3"
mkdir -p "$d3"
NOW="2026-12-01 09:00"
"$CTL" --db "$d3/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null
"$CTL" --db "$d3/kiosk.db" --now "$NOW" ticket "$("$CTL" --db "$d3/kiosk.db" --now "$NOW" book --session kangyang-zixun-20261201-1000 --phone 13800000009)" >/dev/null
sum_before=$(sha256sum <"$d3/kiosk.db")
SID=kangyang-zixun-20261201-1000
{
    echo "tap-at 500 900"
    echo 'expect-text "本机暂停预约，可以查看服务；预约请找工作人员"'
    echo "tap category:yanglao"
    echo "tap service:kangyang-zixun"
    echo "tap book"
    echo "expect-screen slots"
    echo 'expect-text "本机暂停预约，可以查看服务；预约请找工作人员"'
    echo 'expect-text "已停约"'
    # The open session of this hour has no button to book with.
    echo "widgets"
} >"$TMP/ro.txt"
chmod 644 "$TMP/ro.txt" "$TMP/start.txt"
unprivileged_kiosk "$d3"
chmod 0444 "$d3/kiosk.db" "$d3/ticket.key"
chmod 0555 "$d3"
(cd "$TMP" && as_user "$ro_kiosk" --headless --data-dir "$d3" --now "$NOW" --script "$TMP/ro.txt" >"$TMP/out" 2>"$TMP/log")
check "a read-only database: residents browse, sessions show closed, no booking" test $? -eq 0
check "no session can be tapped to book" sh -c "grep -q '^session:' '$TMP/out' && ! grep '^session:' '$TMP/out' | grep -qv 'disabled$'"
check "the log says why" grep -q "kiosk.db cannot be written .*opened read-only: bookings are refused" "$TMP/log"
check "the file is unchanged" test "$(sha256sum <"$d3/kiosk.db")" = "$sum_before"
chmod 0755 "$d3"

# ---- no usable database at all --------------------------------------------------------
: >"$TMP/plainfile"
run "$TMP/plainfile/data" "$TMP/ro.txt"
check "no usable database: the catalog is served from memory, booking refused" test $? -eq 0
check "no session can be tapped to book there either" sh -c "grep -q '^session:' '$TMP/out' && ! grep '^session:' '$TMP/out' | grep -qv 'disabled$'"
check "the log says so" grep -q "serving the catalog from memory: bookings are refused" "$TMP/log"

# ---- a full disk -----------------------------------------------------------------------
d4="$TMP/d4"
mkdir -p "$d4" "$TMP/mnt"
"$CTL" --db "$d4/kiosk.db" --now "$NOW" import-catalog assets/catalog/demo.ini >/dev/null
"$CTL" --db "$d4/kiosk.db" --now "$NOW" ticket "$("$CTL" --db "$d4/kiosk.db" --now "$NOW" book --session $SID --phone 13800000008)" >/dev/null
{ book_script; echo "expect-screen confirm"
  echo 'expect-text "系统暂时无法预约，请联系工作人员"'
  echo "tap home"; echo "expect-screen home"; } >"$TMP/full.txt"
cat >"$TMP/full.sh" <<'SH'
# In a mount namespace of its own: a 1 MB tmpfs holding the database, filled
# up to the last 40 KB (room for the WAL index, none for a booking).
mnt=$1 src=$2 script=$3 kiosk=$4 now=$5
mount -t tmpfs -o size=1m tmpfs "$mnt" || exit 99
cp "$src/kiosk.db" "$src/ticket.key" "$mnt/"
free=$(df -k --output=avail "$mnt" | tail -n1)
dd if=/dev/zero of="$mnt/filler" bs=1k count=$((free - 40)) 2>/dev/null
"$kiosk" --headless --data-dir "$mnt" --now "$now" --script "$script"
rc=$?
rm -f "$mnt/filler"
cp "$mnt/kiosk.db" "$src/after.db"
exit $rc
SH
unshare -rm sh "$TMP/full.sh" "$TMP/mnt" "$d4" "$TMP/full.txt" "$KIOSK" "$NOW" >"$TMP/out" 2>"$TMP/log"
rc=$?
if [ $rc -eq 99 ]; then
    not_ok "a full disk refuses the booking with a message" "cannot mount a tmpfs here"
else
    check "a full disk refuses the booking with a message on the screen" test $rc -eq 0
    check "the log says the disk is full" grep -q "booking failed: book: database or disk is full" "$TMP/log"
    expect_exit 0 "the database on the full disk is intact" "$CTL" --db "$d4/after.db" check
    check "and still holds the one booking made before" \
        test "$("$CTL" --db "$d4/after.db" bookings --format csv | tail -n +2 | grep -c .)" -eq 1
fi

# ---- missing files ----------------------------------------------------------------------
# The binary alone, away from the source tree (installed data is not on a
# build machine either).
mkdir -p "$TMP/elsewhere/bin"
cp "$KIOSK" "$TMP/elsewhere/bin/kiosk"
(cd "$TMP/elsewhere" && ./bin/kiosk --headless --data-dir "$TMP/d5" --script "$TMP/start.txt") >"$TMP/out" 2>"$TMP/log"
check "without its font the kiosk stops with exit 1" test $? -eq 1
check "and says which files it needs" grep -q "cannot find the font subset" "$TMP/log"
expect_exit 1 "a missing catalog on a new kiosk stops it with exit 1" \
    "$KIOSK" --headless --data-dir "$TMP/d6" --catalog "$TMP/no-such.ini" --script "$TMP/start.txt"
check "and names the file" grep -q "no-such.ini" "$TMP/err"
