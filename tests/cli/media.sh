#!/bin/sh
# What the kiosk and kioskctl write onto removable media, and what they print
# that came from outside (issue 14, items 1, 4, 10 and 14):
# - the export and the backup never follow a link planted on the stick under
#   the temporary or the final name, and never truncate what is there;
# - a backup onto the live database, its WAL or its journal is refused, and
#   a booking made after the refusal is kept;
# - a catalog text such as =HYPERLINK(...) reaches no CSV as a live formula;
# - terminal escapes from the centre or the catalog are not printed raw.
. tests/lib.sh
NOW="2026-12-01 09:00"
data="$TMP/data"
usb="$TMP/usb"
mkdir -p "$data" "$usb"
DB="$data/kiosk.db"
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
# A file of the station's data directory that a planted link points at.
printf 'station secret, must stay as it is\n' >"$data/victim"
cp "$data/victim" "$TMP/victim.orig"
victim_intact() { cmp -s "$data/victim" "$TMP/victim.orig"; }

# A catalog whose first service is named like a spreadsheet formula, and
# whose second holds a C1 control (U+009B, an 8-bit CSI) and a tab.
formula='=HYPERLINK("http://x","y")'
sed -e "s|^name = 低保申请咨询\$|name = $formula|" \
    -e "s|^name = 临时救助申请\$|name = 临时$(printf '\302\233')2J救助	申请|" \
    assets/catalog/demo.ini >"$TMP/cat.ini"
expect_exit 0 "import a catalog with a formula as a service name" ctl import-catalog "$TMP/cat.ini"
# (Its name holds commas: the session is named, not cut out of the CSV.)
sid=dibao-zixun-20261201-1400
t1=$(ctl book --session "$sid" --phone 13800000001)
check "book the formula service ($t1)" test -n "$t1"

# ---- item 10: CSV formula injection ------------------------------------------
expect_exit 0 "export the bookings" ctl export --out "$usb/day.csv" --date 2026-12-01
want="\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
check "the exported name is neutralised: quoted, after a single quote" \
    grep -qF ",$want," "$usb/day.csv"
check "no exported cell starts with =" sh -c "! grep -q '\\(^\\|,\\)=' '$usb/day.csv'"
ctl bookings --format csv >"$TMP/b.csv"
check "kioskctl bookings --format csv neutralises it too" grep -qF ",$want," "$TMP/b.csv"
ctl sessions --date 2026-12-01 --format csv >"$TMP/s.csv"
check "kioskctl sessions --format csv neutralises it too" grep -qF ",$want," "$TMP/s.csv"
ctl services --format csv >"$TMP/sv.csv"
check "kioskctl services --format csv neutralises it too" grep -qF "$want" "$TMP/sv.csv"
ctl bookings --format json >"$TMP/b.json"
check "JSON keeps the name as it is" python3 -c "
import json; rows=json.load(open('$TMP/b.json'))
assert any(r['service_name'] == '''$formula''' for r in rows), rows"

# ---- item 1: links on the stick ----------------------------------------------
ln -s "$data/victim" "$usb/linked.csv.part"
"$CTL" --db "$DB" --now "$NOW" export --out "$usb/linked.csv" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "export beside a link named like its temporary file leaves the data file as it was" \
    victim_intact
if [ $rc -eq 0 ]; then
    check "it wrote a regular file under the real name instead" \
        sh -c "test -f '$usb/linked.csv' && test ! -L '$usb/linked.csv' && grep -q '$t1' '$usb/linked.csv'"
else
    check "or it refused and said why" grep -qi "link" "$TMP/err"
fi
check "the planted link is still a link to the data file" test -L "$usb/linked.csv.part"

ln -s "$data/victim" "$usb/final.csv"
expect_exit 1 "export onto a link under the final name is refused" \
    ctl export --out "$usb/final.csv"
check "the refusal says it is a symbolic link" grep -q "symbolic link" "$TMP/err"
check "the data file behind it is as it was" victim_intact
check "the link is left alone" test -L "$usb/final.csv"
check "no temporary file is left on the stick" \
    sh -c "! ls -a '$usb' | grep -q 'final.csv.'"

mkdir "$usb/adir.csv"
expect_exit 1 "export onto a directory is refused" ctl export --out "$usb/adir.csv"
check "the refusal names what is there" grep -q "not a regular file" "$TMP/err"

# kioskctl backup: its temporary name on today's main is FILE.tmp-PID; the
# inner shell's PID is the one kioskctl runs under after exec.
sh -c 'ln -s "$2" "$1.tmp-$$"; exec "$3" --db "$4" backup "$1"' sh \
    "$usb/b1.db" "$data/victim" "$CTL" "$DB" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "backup beside a link named like its temporary file leaves the data file as it was" \
    victim_intact
if [ $rc -eq 0 ]; then
    check "the backup is a regular file holding the bookings" sh -c \
        "test -f '$usb/b1.db' && test ! -L '$usb/b1.db' && '$CTL' --db '$usb/b1.db' bookings | grep -q '$t1'"
else
    not_ok "backup beside a link wrote nothing" "$(cat "$TMP/err")"
fi
for side in -wal -shm -journal; do
    ln -s "$data/victim" "$usb/b2.db$side"
done
expect_exit 0 "backup beside links named like its -wal, -shm and -journal" ctl backup "$usb/b2.db"
check "... leaves the data file as it was" victim_intact
ln -s "$data/victim" "$usb/b3.db"
expect_exit 1 "backup onto a link under the final name is refused" ctl backup "$usb/b3.db"
check "the refusal says it is a symbolic link" grep -q "symbolic link" "$TMP/err"
check "the data file behind it is as it was" victim_intact

# ---- the staff export from the kiosk, onto a stick with planted links --------
echo 246810 | ctl staff add 王芳 >/dev/null
name="bookings-2026-12-01-dl-jinpu-xianjin.csv"
ln -s "$data/victim" "$usb/$name.part"
for i in 0 1 2 3 4 5 6 7 8 9; do ln -s "$data/victim" "$usb/.$name.part-$i"; done
printf 'export_dir = %s\n' "$usb" >"$TMP/usb.conf"
{
    echo "hold 40 40 3.5"
    echo 246810 | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
    echo "expect-screen staff"
    echo "tap export"
    echo "expect-screen staff-export"
    echo "tap export-save"
    echo "expect-screen staff-export"
    echo "expect-text \"已导出到 $name\""
} >"$TMP/export.txt"
"$KIOSK" --headless --config "$TMP/usb.conf" --data-dir "$data" --now "$NOW" \
    --script "$TMP/export.txt" >"$TMP/kout" 2>"$TMP/kerr"
rc=$?
[ $rc -ne 0 ] && grep -a 'step failed' -A 3 "$TMP/kerr"
check "the kiosk exports to a stick with links planted under its temporary names" test $rc -eq 0
check "... and leaves the data file as it was" victim_intact
check "... the export is a regular file" sh -c "test -f '$usb/$name' && test ! -L '$usb/$name'"
check "... with the neutralised formula" grep -qF ",$want," "$usb/$name"

# ---- item 4: a backup onto the live database ---------------------------------
cp "$DB" "$TMP/db.before" 2>/dev/null
ln "$DB" "$TMP/hardlink.db"
for target in "$DB" "$DB-wal" "$DB-journal" "$DB-shm" "$data/../data/kiosk.db" \
    "$TMP/hardlink.db"; do
    expect_exit 1 "backup onto the live database file ${target#"$TMP"/} is refused" \
        ctl backup "$target"
    check "... saying it is the live database" grep -q "live database" "$TMP/err"
done
ln -s "$data" "$TMP/datalink"
expect_exit 1 "backup onto the live database through a linked directory is refused" \
    ctl backup "$TMP/datalink/kiosk.db"
expect_exit 1 "export onto the live database is refused" ctl export --out "$DB"
check "... saying it is the live database" grep -q "live database" "$TMP/err"
t2=$(ctl book --session "$sid" --phone 13800000002)
check "a booking after the refused backups ($t2)" test -n "$t2"
ctl bookings >"$TMP/after.txt"
check "... is there, with the one before" sh -c "grep -q '$t2' '$TMP/after.txt' && grep -q '$t1' '$TMP/after.txt'"
expect_exit 0 "the live database still passes its check" ctl check

# ---- item 14: text from outside printed raw ----------------------------------
python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE sync SET failing = 1, last_error = ?, last_error_at = ?, last_attempt = ?",
           ("centre said \x1b[2J\x1b]0;pwned\x07 no\x9b31m\x7f\x01 more", "2026-12-01 08:00\x1b[5m",
            "2026-12-01 08:00"))
db.commit()
EOF
"$CTL" --db "$DB" fleet status >"$TMP/fleet.out" 2>&1
check "fleet status still says the last attempt failed" grep -q "^last error: centre said" "$TMP/fleet.out"
noctl() { # FILE [ALLOWED]: no C0 but newline (and ALLOWED), no DEL, no C1 in it
    python3 -c "
import sys
t = open(sys.argv[1], 'rb').read().decode('utf-8', 'replace')
ok = '\n' + (sys.argv[2] if len(sys.argv) > 2 else '')
bad = [hex(ord(c)) for c in t if (ord(c) < 0x20 and c not in ok) or 0x7f <= ord(c) <= 0x9f]
sys.exit('control characters: %s' % bad if bad else 0)" "$@"
}
check "fleet status prints no control characters from the centre" noctl "$TMP/fleet.out"
check "... and keeps the readable text" grep -q "centre said .*no.*more" "$TMP/fleet.out"
ctl services >"$TMP/services.txt"
check "kioskctl services prints no control characters from the catalog" noctl "$TMP/services.txt"
ctl sessions --date 2026-12-01 >"$TMP/sessions.txt"
check "kioskctl sessions prints none either" noctl "$TMP/sessions.txt"
ctl sessions --date 2026-12-01 --format csv >"$TMP/sessions.csv"
# A CSV cell keeps its tab (quoted, harmless to a terminal); no escapes.
check "nor its CSV (a tab in a quoted cell stays)" noctl "$TMP/sessions.csv" "$(printf '\t\r')"
ctl services --format json >"$TMP/services.json"
check "JSON escapes C1 controls" sh -c "grep -q 'u009b' '$TMP/services.json'"
check "... and holds no raw control character" noctl "$TMP/services.json"
find "$usb" -maxdepth 1 \( -name '*.part*' -o -name '*.tmp-*' \) ! -type l >"$TMP/left"
check "no temporary file or directory is left on the stick (only the planted links)" \
    test ! -s "$TMP/left"
