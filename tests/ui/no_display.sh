#!/bin/sh
# `make run` (a window, not --headless) on a machine with no display: the
# kiosk says there is none and how to get one (--headless, or Xvfb:
# xvfb-run make run), and exits 1 at once, instead of running on with no
# window (SDL 2.26 falls back to its offscreen driver when x11, wayland and
# KMS/DRM all fail, after libwayland printed an XDG_RUNTIME_DIR error).
. tests/lib.sh
# run NAME ENV...: the kiosk in a window with no DISPLAY nor WAYLAND_DISPLAY,
# ended after 30 s at most (timeout's 124 is a failure like any other).
run() {
    _name=$1
    shift
    env -u DISPLAY -u WAYLAND_DISPLAY "$@" timeout 30 "$KIOSK" --windowed \
        --data-dir "$TMP/d" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "$_name: exits 1 at once (exit $rc)" test $rc -eq 1
    check "$_name: says there is no display" grep -q "kiosk: no display" "$TMP/err"
    check "$_name: says how to get one (--headless, or xvfb-run make run)" \
        sh -c "grep -q -- '--headless' '$TMP/err' && grep -q 'xvfb-run make run' '$TMP/err'"
    check "$_name: no libwayland XDG_RUNTIME_DIR noise" sh -c "! grep -q XDG_RUNTIME_DIR '$TMP/err'"
    [ $rc -eq 1 ] || cat "$TMP/err"
}
# The X11 driver named, as a test harness or a user would: SDL_Init fails.
# Deterministic on any machine, also one whose /dev/dri would let SDL's
# KMS/DRM driver take the console.
run "SDL_VIDEODRIVER=x11 with no X server" SDL_VIDEODRIVER=x11
# SDL choosing its driver itself, as `make run` does: only where there is no
# KMS/DRM device, which SDL would try (and could open) on a desktop console.
if ls /dev/dri/card* >/dev/null 2>&1; then
    echo "# skip: /dev/dri/card* exists: SDL's own choice could open KMS/DRM here"
else
    run "no display and no KMS/DRM device" env
    check "the kiosk opened no database, as it showed nothing" test ! -e "$TMP/d/kiosk.db"
    # A Wayland socket nobody answers on: SDL starts, finds no driver that
    # works and settles on its offscreen stand-in, which the kiosk refuses.
    mkdir -p "$TMP/xdg"
    chmod 700 "$TMP/xdg"
    python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$TMP/xdg/wayland-0"
    run "a dead Wayland socket (SDL's offscreen stand-in)" XDG_RUNTIME_DIR="$TMP/xdg"
    check "it names the stand-in" grep -q '"offscreen" stand-in' "$TMP/err"
fi
