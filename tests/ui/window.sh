#!/bin/sh
# The booking script in a real window under Xvfb (X11 video driver, the
# renderer SDL picks), not the headless path: the same screens, the same
# booking in the store.
. tests/lib.sh
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "# skip: xvfb-run is absent (Debian package xvfb): the windowed run is not tested here"
    exit 0
fi
san=$X11_SAN # Mesa kept loaded under SANITIZE=1 (tests/lib.sh)
d="$TMP/win"
mkdir -p "$d/shots"
xvfb-run -a -s "-screen 0 1280x1024x24" env SDL_VIDEODRIVER=x11 $san \
    "$KIOSK" --windowed --data-dir "$d" --now "2026-12-01 09:00" \
    --script tests/ui/scripts/book.txt >"$TMP/out" 2>"$TMP/err"
rc=$?
check "book by touch in a real X11 window" test $rc -eq 0
[ $rc -eq 0 ] || cat "$TMP/err"
"$CTL" --db "$d/kiosk.db" bookings --format csv >"$TMP/bookings" 2>"$TMP/err"
rc=$?
check "kioskctl lists the window's bookings" test $rc -eq 0
check "the window's booking is in the store" grep -q ',13812345678,2,booked,' "$TMP/bookings"

# What `make run` starts: a window on the demo catalog, drawn, then stopped
# by SIGTERM with exit 0. The root window must show the header's accent blue:
# the screen is grabbed until it does (up to 30 s), then the kiosk stopped.
# blue.sh IMAGE: how many pixels of IMAGE are the accent blue.
cat >"$TMP/blue.sh" <<'BLUE'
convert "$1" -fill white +opaque "rgb(31,78,140)" -fill black -opaque "rgb(31,78,140)" -negate \
    -format "%[fx:mean*w*h]" info: 2>/dev/null | cut -d. -f1
BLUE
cat >"$TMP/run.sh" <<RUN
"$KIOSK" --windowed --data-dir "$TMP/run" >"$TMP/run.log" 2>&1 &
pid=\$!
i=0
while [ \$i -lt 150 ] && kill -0 \$pid 2>/dev/null; do
    import -window root "$TMP/root.png" 2>/dev/null &&
        [ "\$(sh "$TMP/blue.sh" "$TMP/root.png")" -gt 100000 ] 2>/dev/null && break
    sleep 0.2
    i=\$((i + 1))
done
kill -TERM \$pid
wait \$pid
echo "exit \$?" >"$TMP/run.rc"
RUN
xvfb-run -a -s "-screen 0 1280x1024x24" env SDL_VIDEODRIVER=x11 $san sh "$TMP/run.sh"
check "the windowed kiosk stops cleanly on SIGTERM" grep -qx "exit 0" "$TMP/run.rc"
"$CTL" --db "$TMP/run/kiosk.db" services --format csv >"$TMP/services" 2>"$TMP/err"
rc=$?
check "kioskctl lists the services of the windowed kiosk's database" test $rc -eq 0
check "it opened the demo catalog's database" grep -q 节气美育 "$TMP/services"
blue=$(sh "$TMP/blue.sh" "$TMP/root.png")
check "the window shows the attract screen ($blue accent pixels)" test "${blue:-0}" -gt 100000
