#!/bin/sh
# Issue 14 item 8: a valid catalog with a long horizon once made 1.4
# million sessions (a 156 s import under the write lock, a 25 s day change
# on the frame path, against a 30 s watchdog). The catalog and the sessions
# of its horizon are bounded with a clear refusal that keeps the catalog
# imported before, and the day change extends the sessions in slices, one
# a frame.
. tests/lib.sh
d="$TMP/d"
mkdir -p "$d"
db="$d/kiosk.db"
ctl() { "$CTL" --db "$db" --now "2026-11-30 08:00" "$@"; }

# wide FILE SERVICES PER_SERVICE DAYS: services s000.. of PER_SERVICE
# 20-minute schedules each from 07:00 on DAYS.
wide() {
    awk -v n="$2" -v k="$3" -v days="$4" 'BEGIN {
        print "[station]\nid = wide\nname = 大站\n[category c1]\nname = 类别"
        for (v = 0; v < n; v++) {
            printf "[service s%03d]\ncategory = c1\nname = 服务%d\nname_en = S%d\n", v, v, v
            print "description = 说明\naudience = 所有人\nlocation = 一楼\nduration = 20"
            for (i = 0; i < k; i++) {
                a = 420 + 20 * i; b = a + 20
                printf "schedule = %s %02d:%02d-%02d:%02d 5\n", days, a / 60, a % 60, b / 60, b % 60
            }
        }
    }' >"$1"
}

ctl import-catalog assets/catalog/demo.ini >/dev/null
wide "$TMP/over.ini" 51 20 Mon-Fri # 1020 schedules
expect_exit 1 "a catalog of more schedules than any station's is refused" ctl import-catalog "$TMP/over.ini"
check "... at the line that goes over, with the limit" \
    grep -q "over.ini:[0-9]*: too many schedules in the catalog (at most 1000)" "$TMP/err"
check "... and the catalog imported before stays" \
    sh -c "'$CTL' --db '$db' services --format csv | grep -q '^kangyang-zixun,'"
wide "$TMP/year.ini" 10 10 Mon-Sun # 100 sessions a day
printf 'horizon_days = 366\n' >"$TMP/year.conf"
expect_exit 1 "a year of its sessions is refused by the horizon's bound" \
    "$CTL" --config "$TMP/year.conf" --db "$db" --now "2026-11-30 08:00" import-catalog "$TMP/year.ini"
check "... saying which bound and what to change" \
    grep -q "year.ini: the catalog makes more than 20000 sessions in the booking horizon of 366 days (horizon_days); make the horizon or the schedules shorter" "$TMP/err"
check "... and the catalog imported before stays" \
    sh -c "'$CTL' --db '$db' services --format csv | grep -q '^kangyang-zixun,'"

# The kiosk given the over-limit file keeps serving the old catalog.
printf 'catalog = %s\ndata_dir = %s\n' "$TMP/over.ini" "$d" >"$TMP/kiosk.conf"
echo "expect-screen attract" >"$TMP/s.txt"
"$KIOSK" --config "$TMP/kiosk.conf" --headless --now "2026-11-30 08:00" --script "$TMP/s.txt" \
    >"$TMP/out" 2>"$TMP/log"
check "the kiosk with an over-limit catalog file still starts" test $? -eq 0
check "... says why it refused it" grep -q "catalog refused: .*too many schedules in the catalog" "$TMP/log"
check "... and serves the catalog imported before" grep -q "serving the catalog imported before" "$TMP/log"

# The biggest catalog allowed: 1000 sessions each weekday. Five days
# switched off, then a day change: the missing weekdays come a slice a frame.
wide "$TMP/max.ini" 50 20 Mon-Fri
ctl import-catalog "$TMP/max.ini" >/dev/null
check "the biggest catalog allowed is imported" test $? -eq 0
cat >"$TMP/day.txt" <<'S'
expect-screen attract
set-clock "2026-12-05 09:00"
expect-screen attract
S
"$KIOSK" --headless --data-dir "$d" --now "2026-11-30 08:00" --script "$TMP/day.txt" \
    >"$TMP/out" 2>"$TMP/log"
check "the kiosk runs through the day change" test $? -eq 0
# Five weekdays of 1000 sessions each are missing (14..18 December): five slices.
check "the day change extended the sessions in five slices, one a frame" \
    grep -q "sessions extended in 5 slices of at most 1000 sessions" "$TMP/log"
check "the new horizon's last weekday has all its sessions" \
    test "$(ctl sessions --date 2026-12-18 --format csv | grep -c '^s[0-9]')" -eq 1000
