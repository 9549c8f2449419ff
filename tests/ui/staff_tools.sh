#!/bin/sh
# Staff export of a date range to the USB stick, and touch calibration by
# tapping targets, on the real kiosk: the CSV on the stick holds exactly the
# range's bookings; the calibration fitted from a panel that misreports
# touches is saved to <data_dir>/touch.conf, used at once and after a
# restart, for an upright and a sideways-mounted panel.
. tests/lib.sh
NOW="2026-12-01 09:00"
d="$TMP/k"
usb="$TMP/usb"
mkdir -p "$d" "$usb"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
kiosk() { # CONFIG SCRIPT
    "$KIOSK" --headless --config "$1" --data-dir "$d" --now "$NOW" --script "$2" \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -ne 0 ] && grep -a 'step failed' -A 3 "$TMP/err"
    return $rc
}
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
# The first session of a day starting at 10:00 or later (still bookable at 09:00).
first_session() { ctl sessions --date "$1" --format csv | awk -F, 'NR > 1 && $6 >= "10:00" { print $1; exit }'; }
b1=$(ctl book --session "$(first_session 2026-12-01)" --phone 13800000001)
b3=$(ctl book --session "$(first_session 2026-12-03)" --phone 13800000003)
b10=$(ctl book --session "$(first_session 2026-12-10)" --phone 13800000010)
printf 'export_dir = %s\n' "$usb" >"$TMP/usb.conf"
printf 'export_dir = %s\n' "$TMP/no-stick" >"$TMP/nostick.conf"

login() {
    echo "hold 40 40 3.5"
    echo 246810 | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
    echo "expect-screen staff"
}

# ---- export -------------------------------------------------------------------
{
    login
    echo "tap export"
    echo "expect-screen staff-export"
    echo 'expect-text "2026年12月1日 周二"'
    echo 'expect-text "共 1 天，导出到U盘里的一个表格文件（Excel、WPS 都能打开）"'
    echo "tap range:next7"
    echo 'expect-text "2026年12月7日 周一"'
    echo "tap from:-1"
    echo 'expect-text "2026年11月30日 周一"'
    echo 'expect-text "共 8 天，导出到U盘里的一个表格文件（Excel、WPS 都能打开）"'
    echo "tap from:+1"
    echo "tap export-save"
    echo "expect-screen staff-export"
    echo 'expect-text "已导出到 bookings-2026-12-01_2026-12-07-dl-jinpu-xianjin.csv"'
} >"$TMP/export.txt"
kiosk "$TMP/usb.conf" "$TMP/export.txt"
check "staff choose next 7 days and export it from the kiosk" test $? -eq 0
csv="$usb/bookings-2026-12-01_2026-12-07-dl-jinpu-xianjin.csv"
check "the file is on the stick, with a BOM" \
    test "$(head -c3 "$csv" 2>/dev/null | od -An -tx1 | tr -d ' ')" = efbbbf
check "it holds the bookings of 1 and 3 December" \
    sh -c "grep -q '^$b1,' '$csv' && grep -q '^$b3,' '$csv'"
check "and not those after the range" sh -c "! grep -q '^$b10,' '$csv'"
check "one header and two rows" test "$(wc -l <"$csv")" -eq 3
ctl audit --format csv >"$TMP/audit.csv"
check "the audit names who exported which range" \
    grep -q "王芳,export,,,\"2 bookings, 2026-12-01 to 2026-12-07\"" "$TMP/audit.csv"
check "the kiosk log has no phone number" sh -c "! grep -q 1380000 '$TMP/err'"

{
    login
    echo "tap export"
    echo "tap export-save"
    echo 'expect-text "没有找到U盘，请插入后再试"'
} >"$TMP/nostick.txt"
kiosk "$TMP/nostick.conf" "$TMP/nostick.txt"
check "without a stick the kiosk says to insert one" test $? -eq 0

# ---- touch calibration ----------------------------------------------------------
# The panel misreports a touch at (x, y) as D(x, y) = (0.9x + 0.02y + 0.02,
# 0.95y + 0.08), in its own normalised coordinates. gen prints `touch-raw` lines
# for layout points (fractions of the layout) as this panel would report them.
gen() { # ROTATE then "LX LY" lines on stdin
    python3 -c '
import sys
rot = int(sys.argv[1])
def panel(lx, ly):  # inverse of the layout rotation (core/calib.c)
    return {0: (lx, ly), 90: (1 - ly, lx), 180: (1 - lx, 1 - ly), 270: (ly, 1 - lx)}[rot]
for line in sys.stdin:
    lx, ly = map(float, line.split())
    x, y = panel(lx, ly)
    print("touch-raw %.6f %.6f" % (0.9 * x + 0.02 * y + 0.02, 0.95 * y + 0.08))
' "$1"
}
targets="0.1 0.1
0.9 0.1
0.9 0.9
0.1 0.9
0.5 0.5"
# The touch test's back button is centred at (w/2, 80 px) of a 1920-px-tall layout.
back_portrait="0.5 0.0417"

calibrate_run() { # ROTATE SIZE NAME
    rot=$1
    printf 'export_dir = %s\nrotate = %s\nsize = %s\n' "$usb" "$rot" "$2" >"$TMP/rot.conf"
    rm -f "$d/touch.conf"
    back=$(echo "$back_portrait" | gen "$rot")
    # Uncalibrated, a touch aimed at the back button misses it.
    { login; echo "tap tech"; echo "tap touch-test"; echo "$back"
      echo "expect-screen touch-test"; } >"$TMP/miss.txt"
    kiosk "$TMP/rot.conf" "$TMP/miss.txt"
    check "$3: before calibration a touch aimed at a button misses" test $? -eq 0
    {
        login
        echo "tap tech"
        echo "tap touch-test"
        echo "tap calibrate"
        echo "expect-screen touch-calibrate"
        echo 'expect-text "请用手指点十字的中心（第 1 个，共 5 个）"'
        # A slipped finger on the third target: start again.
        echo "$targets" | gen "$rot" | sed '3s/touch-raw [0-9.]*/touch-raw 0.5/'
        echo 'expect-text "有的十字没有点准，请从第一个重新点"'
        echo 'expect-text "请用手指点十字的中心（第 1 个，共 5 个）"'
        echo "$targets" | gen "$rot"
        echo 'expect-text "校准完成：校准后最大偏差 0 像素"'
        echo "tap calib-save"
        echo "expect-screen touch-test"
        echo 'expect-text "触摸校准已保存，现在就生效"'
        echo "$back"
        echo "expect-screen technician"
    } >"$TMP/cal.txt"
    kiosk "$TMP/rot.conf" "$TMP/cal.txt"
    check "$3: calibrating by tapping targets fixes touches at once" test $? -eq 0
    check "$3: touch.conf holds the panel's inverse error" python3 -c '
import sys
rot = int(sys.argv[2])
vals = None
for line in open(sys.argv[1]):
    if line.startswith("touch_matrix"):
        vals = [float(v) for v in line.split("=")[1].split()]
# D^-1 for D(x, y) = (0.9x + 0.02y + 0.02, 0.95y + 0.08), in panel coordinates
a, b, c, d, e, f = 0.9, 0.02, 0.02, 0.0, 0.95, 0.08
det = a * e - b * d
inv = [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det]
assert vals is not None and len(vals) == 6, vals
assert all(abs(u - v) < 2e-3 for u, v in zip(vals, inv)), (vals, inv)
' "$d/touch.conf" "$rot"
    { login; echo "tap tech"; echo "tap touch-test"; echo "$back"
      echo "expect-screen technician"; } >"$TMP/hit.txt"
    kiosk "$TMP/rot.conf" "$TMP/hit.txt"
    check "$3: after a restart the saved calibration is used" test $? -eq 0
}
calibrate_run 0 1080x1920 "upright panel"
# Mounted turned: the layout is still 1080x1920 portrait on a landscape panel.
calibrate_run 90 1080x1920 "panel turned 90°"
ctl audit --format csv >"$TMP/audit.csv"
check "the audit records who calibrated" grep -q "王芳,touch_calibrate" "$TMP/audit.csv"

printf 'touch_matrix = 1 0 0 0 nan 0\n' >"$d/touch.conf"
{ login; echo "tap tech"; echo "tap touch-test"; echo "tap back"; echo "expect-screen technician"; } >"$TMP/bad.txt"
kiosk "$TMP/usb.conf" "$TMP/bad.txt"
check "a damaged touch.conf does not stop the kiosk" test $? -eq 0
check "and is reported in the log" grep -q "touch calibration ignored: .*touch.conf:1" "$TMP/err"
