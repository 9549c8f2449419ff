#!/bin/sh
# The calling display in a real window under Xvfb (issue 19): portrait
# (--rotate 90 on the 1920x1080 reference) opens a 1080x1920 window, shows
# the call read back with expect-text, and its screenshot (read from the
# window's renderer) decodes at 1080x1920 and is not one flat colour.
. tests/lib.sh
needs xvfb-run xvfb
# $X11_SAN keeps Mesa loaded under SANITIZE=1 (tests/lib.sh): without it
# LeakSanitizer reports the GL driver's blocks of an unknown module.
D="$TMP/d"
mkdir -p "$D/shots"
ctl() { "$CTL" --db "$D/kiosk.db" --now "2026-12-01 09:00" "$@"; }
expect_exit 0 "import the demo catalog" ctl import-catalog assets/catalog/demo.ini
ctl queue take --line zonghe >/dev/null
expect_exit 0 "counter 2 calls A001" ctl queue call --counter 2
cat >"$TMP/s.txt" <<'STEPS'
expect-text "请 A001 号"
expect-text "到 2 号工作台"
shot portrait
quit
STEPS
expect_exit 0 "portrait in a real X window shows the call" \
    xvfb-run -a -s "-screen 0 1920x1920x24" env $X11_SAN "$PWD/$BUILD/kiosk-display" --data-dir "$D" \
    --now "2026-12-01 09:01" --rotate 90 --script "$TMP/s.txt" --screenshots "$D/shots"
check "... its screenshot is 1080x1920" test "$(identify -format '%wx%h' "$D/shots/portrait.bmp" 2>/dev/null)" = 1080x1920
check "... and not one flat colour" test "$(convert "$D/shots/portrait.bmp" -format '%k' info: 2>/dev/null)" -gt 3
