"""The console under 1,000 concurrent requests from loopback (issue 18): it
stays up, refuses what is past its connection limits cleanly (no 5xx, no
hang), answers afterwards, and bookings made meanwhile at the kiosk's store
(kioskctl, its own process and connection) all succeed: the console holds
no write transaction that would make them wait (no SQLITE_BUSY). The
latency figure is make bench's (tools/bench.sh); this is the functional
side. No fixed waits: the load generator says when all its connections
are under way."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import PIN, Station, Tap  # noqa: E402

tap = Tap()
st = Station()
start = time.monotonic()
try:
    url = st.start_console()
    staff = st.client()
    staff.login()
    gen = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "load_gen.py"),
                            url, os.path.join(st.tls_dir, "cert.pem"), PIN, "1000", "3"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = gen.stdout.readline()
    session = st.sessions("2026-12-01")[0]
    booked = []
    for i in range(3):
        p = st.ctl("book", "--session", session, "--phone", "1380013800%d" % i, check=False)
        booked.append((p.returncode, p.stdout.strip(), p.stderr.strip()))
    running = gen.poll() is None
    out, err = gen.communicate(timeout=120)
    tap.check("the load generator had its 1,000 connections under way", line.strip() == "started",
              line + err)
    tap.check("3 bookings through kioskctl during the load all succeed (none busy)%s"
              % ("" if running else " [the load had ended before the last]"),
              all(rc == 0 and len(t) == 8 for rc, t, _ in booked), str(booked))
    last = out.strip().splitlines()[-1] if out.strip() else ""
    fields = last.split()
    tap.check("3,000 requests, 1,000 at a time: each answered or refused cleanly, none 5xx, "
              "none left hanging (%s)" % last,
              gen.returncode == 0 and len(fields) == 10 and fields[1] == "3000" and
              fields[7] == "0" and fields[9] == "0" and int(fields[3]) > 0, last + err)
    status, _, body = staff.get("/")
    rows = st.ctl("bookings", "--date", "2026-12-01", "--format", "csv").stdout
    tap.check("afterwards the console answers, with the bookings made meanwhile",
              status == 200 and st.proc.poll() is None and
              all(t in rows for _, t, _ in booked), "status %s" % status)
    st.proc.terminate()
    rc = st.proc.wait(timeout=60)
    st.log.seek(0)
    tap.check("the console stops cleanly afterwards (exit 0)", rc == 0, "exit %s: %s"
              % (rc, st.log.read()[-400:]))
finally:
    st.cleanup()
print("# load.py: %.1f s" % (time.monotonic() - start))
tap.exit()
