#!/bin/sh
# The systemd notify protocol without systemd: a socket bound at
# NOTIFY_SOCKET receives READY=1 after the first frame, then WATCHDOG=1
# about twice per WATCHDOG_USEC, from the kiosk's own main loop.
. tests/lib.sh
cat >"$TMP/listen.py" <<'PY'
import socket, sys, time
path, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(0.2)
end = time.time() + seconds
with open(sys.argv[3], "w") as out:
    while time.time() < end:
        try:
            msg = s.recv(4096).decode()
        except socket.timeout:
            continue
        out.write("%.2f %s\n" % (time.time(), msg.replace("\n", "|")))
        out.flush()
PY
python3 "$TMP/listen.py" "$TMP/notify.sock" 6 "$TMP/msgs" &
lpid=$!
# The listener must be bound before the kiosk starts (python starts slowly
# on a loaded machine): wait for its socket, up to 5 s.
i=0
while [ ! -S "$TMP/notify.sock" ] && [ $i -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
done
NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=1000000 \
    "$KIOSK" --headless --data-dir "$TMP/d" --now "2026-12-01 09:00" >"$TMP/out" 2>&1 &
kpid=$!
sleep 4
kill -TERM $kpid
wait $kpid
rc=$?
wait $lpid
check "the kiosk stops on SIGTERM with exit 0" test $rc -eq 0
check "READY=1 comes first" sh -c "head -n1 '$TMP/msgs' | grep -q 'READY=1'"
n=$(grep -c 'WATCHDOG=1' "$TMP/msgs")
check "WATCHDOG=1 about every half second over ~3.5 s ($n pings)" test "$n" -ge 5 -a "$n" -le 10
check "STOPPING=1 at the end" sh -c "tail -n1 '$TMP/msgs' | grep -q 'STOPPING=1'"
