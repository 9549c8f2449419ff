#!/bin/sh
# The systemd notify protocol without systemd: a socket bound at
# NOTIFY_SOCKET receives READY=1 after the first frame, then WATCHDOG=1
# about twice per WATCHDOG_USEC, from the kiosk's own main loop, and
# STOPPING=1 on SIGTERM. The test waits for each message (up to 30 s),
# never for a fixed time.
. tests/lib.sh
cat >"$TMP/listen.py" <<'PY'
import socket, sys, time
# Until STOPPING=1 arrives, or at most 60 s.
path, out_path = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(0.2)
end = time.time() + 60
with open(out_path, "w") as out:
    while time.time() < end:
        try:
            msg = s.recv(4096).decode()
        except socket.timeout:
            continue
        out.write("%.3f %s\n" % (time.monotonic(), msg.replace("\n", "|")))
        out.flush()
        if "STOPPING=1" in msg:
            break
PY
# wait_for WHAT COMMAND...: polls COMMAND for up to 30 s; says so when it
# never succeeded.
wait_for() {
    what=$1
    shift
    i=0
    while ! "$@" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 300 ] || { echo "# waited 30 s for $what in vain"; return 1; }
        sleep 0.1
    done
}
: >"$TMP/msgs"
python3 "$TMP/listen.py" "$TMP/notify.sock" "$TMP/msgs" &
lpid=$!
# The kiosk starts once the socket is bound (python may be slow to start on
# a loaded machine; a READY=1 sent before would be lost).
wait_for "the listener's socket" test -S "$TMP/notify.sock"
NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=1000000 \
    "$KIOSK" --headless --data-dir "$TMP/d" --now "2026-12-01 09:00" >"$TMP/out" 2>&1 &
kpid=$!
pings() { grep -c 'WATCHDOG=1' "$TMP/msgs"; }
six_pings() { [ "$(pings)" -ge 6 ]; }
wait_for "6 watchdog pings" six_pings
kill -TERM $kpid
wait $kpid
rc=$?
wait $lpid
check "the kiosk stops on SIGTERM with exit 0" test $rc -eq 0
head -n1 "$TMP/msgs" >"$TMP/first"
check "READY=1 comes first" grep -q 'READY=1' "$TMP/first"
n=$(pings)
check "WATCHDOG=1 pings keep coming ($n before SIGTERM)" test "$n" -ge 6
# Twice per WATCHDOG_USEC (1 s): the mean gap between pings is about 0.5 s,
# well under the 1 s after which systemd would kill the kiosk, and no ping
# follows another at once.
gaps=$(awk '/WATCHDOG=1/ { if (t != "") { g = $1 - t; s += g; n++; if (min == "" || g < min) min = g }; t = $1 }
    END { if (n) printf "%.3f %.3f", s / n, min }' "$TMP/msgs")
mean=${gaps% *}
min=${gaps#* }
check "the pings come about every half second (mean gap ${mean:-?} s, shortest ${min:-?} s)" \
    awk -v m="$mean" -v k="$min" 'BEGIN { exit !(m != "" && m >= 0.3 && m <= 0.8 && k >= 0.2) }'
tail -n1 "$TMP/msgs" >"$TMP/last"
check "STOPPING=1 at the end" grep -q 'STOPPING=1' "$TMP/last"
