"""Issue 19's must-show, end to end on the real binaries: three residents
take numbers on the kiosk (A001, a priority A002, A003) and a booked
resident checks in by scanning the QR of a booking at 09:00 (an appointment
on line B, B001). Staff call through them, two counters at once: counter 1
from kioskctl, counter 2 from the staff console. The station's rule is
queue_priority_every = 1, so the order is the rule's, not the order of
taking: the appointment at its time (B001), the oldest regular (A001), the
priority number after one regular (A002), then A003. The calling display
runs beside them with a script: it waits for each call, reads the call back
from what it drew (expect-text), takes a screenshot of it and, with the
voice on, says each call twice (expect-said). The store's queue_events and
the audit say who did what (kioskctl or the console)."""
import array
import csv
import io
import os
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import BUILD, Station, Tap  # noqa: E402

DAY = "2026-12-01"
PHONE = "13800138000"
SESSION = "dibao-zixun-20261201-0900"
# (number, counter, how: ctl or console), in the order staff call them.
CALLS = [("B001", 1, "ctl"), ("A001", 2, "console"), ("A002", 1, "ctl"), ("A003", 2, "console")]


def spoken(label, counter):
    """The display's utterance: the letter, the digits one by one."""
    digits = "".join("零一二三四五六七八九"[int(c)] for c in label[1:])
    return "请 %s%s 号，到 %d 号工作台" % (label[0], digits, counter)


def rows(st, conf, *args):
    out = st.ctl("--config", conf, *args, "--format", "csv").stdout
    return list(csv.DictReader(io.StringIO(out)))


def kinds(st):
    return ",".join(subprocess.run(
        ["sqlite3", "-separator", " ", st.db, "SELECT label, kind FROM queue_tickets ORDER BY label"],
        capture_output=True, text=True).stdout.split("\n")[:-1])


class Display:
    """kiosk-display with a script; its stdout read line by line."""

    def __init__(self, st, conf, script, shots):
        self.log = open(os.path.join(st.dir, "display.err"), "w+")
        # SDL's disk driver as fast as it can: the calls are played to the end.
        env = dict(os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIODELAY="0",
                   SDL_DISKAUDIOFILE=os.path.join(st.dir, "display.raw"))
        self.proc = subprocess.Popen(
            [os.path.join(BUILD, "kiosk-display"), "--headless", "--db", st.db, "--config", conf,
             "--now", DAY + " 08:55", "--voice", "on", "--voice-cache",
             os.path.join(st.dir, "voice-cache"), "--script", script, "--screenshots", shots],
            stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
        self.lines = []

    def until(self, text, timeout=120):
        """Reads stdout until a line holds text (True) or the program ends."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                return False
            self.lines.append(line.rstrip("\n"))
            if text in line:
                return True
        return False

    def finish(self):
        rest = self.proc.stdout.read()
        self.lines += rest.splitlines()
        try:
            rc = self.proc.wait(timeout=180)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.proc.stdout.close()
        self.log.seek(0)
        err = self.log.read()
        self.log.close()
        return rc, err


def main():
    t = Tap()
    st = Station(now=DAY + " 08:30")
    try:
        run(t, st)
    except Exception:  # a step that could not run: one failure, with where
        t.check("the run went through", False, traceback.format_exc())
    finally:
        st.cleanup()
    t.exit()


def run(t, st):
    conf = os.path.join(st.dir, "kiosk.conf")
    with open(conf, "w") as f:
        f.write("queue_priority_every = 1\nvoice_rate = 400\n")
    shots = os.path.join(st.dir, "shots")
    os.mkdir(shots)
    ticket = st.book(SESSION, PHONE)
    payload = st.ctl("ticket", ticket).stdout.strip()

    # The kiosk at 08:50: three walk-ins, then the booked resident's scan.
    kscript = os.path.join(st.dir, "kiosk.txt")
    with open(kscript, "w") as f:
        f.write("tap start\n")
        for number, priority in (("A001", False), ("A002", True), ("A003", False)):
            f.write("expect-screen home\ntap walk-in\nexpect-screen walk-in\n")
            if priority:
                f.write("tap priority\n")
            f.write("tap line:zonghe\nexpect-screen queue-ticket\nexpect-text \"%s\"\n"
                    "shot ticket-%s\ntap done\nexpect-screen home\n" % (number, number))
        f.write("tap checkin\nexpect-screen checkin\nscan %s\n"
                "expect-screen checkin-result\nexpect-text \"您的排队号 B001，请留意叫号屏\"\n"
                "shot checkin-b001\n" % payload)
    p = subprocess.run([os.path.join(BUILD, "kiosk"), "--headless", "--data-dir", st.dir,
                        "--config", conf, "--now", DAY + " 08:50", "--script", kscript,
                        "--screenshots", shots],
                       capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, SDL_AUDIODRIVER="dummy"))
    t.check("the kiosk: A001, a priority A002 and A003 taken by touch, B001 by the booking's scan",
            p.returncode == 0, "exit %d: %s" % (p.returncode, p.stderr[-1500:]))
    q = {r["number"]: r for r in rows(st, conf, "queue", "status")}
    t.check("the store holds the four numbers waiting, A002 priority and B001 the appointment",
            sorted(q) == ["A001", "A002", "A003", "B001"]
            and all(r["status"] == "waiting" for r in q.values())
            and kinds(st) == "A001 walkin,A002 priority,A003 walkin,B001 appointment", str(q))

    # The display: each call waited for, read back, shot; then each said twice.
    dscript = os.path.join(st.dir, "display.txt")
    with open(dscript, "w") as f:
        for number, counter, _ in CALLS:
            f.write("wait-call %s\nexpect-text \"请 %s 号\"\nexpect-text \"到 %d 号工作台\"\n"
                    "shot call-%s\n" % (number, number, counter, number))
        for number, counter, _ in CALLS:
            f.write("expect-said \"%s\" 2\n" % spoken(number, counter))
        f.write("quit\n")
    d = Display(st, conf, dscript, shots)
    try:
        for i, (number, counter, how) in enumerate(CALLS):
            t.check("the display waits for %s" % number, d.until("waiting for " + number),
                    "\n".join(d.lines[-5:]))
            at = DAY + " 09:%02d" % i
            if how == "ctl":
                if i:
                    for step in ("serve", "finish"):
                        st.ctl("--config", conf, "queue", step, "--counter", str(counter), now=at)
                st.ctl("--config", conf, "queue", "call", "--counter", str(counter), "--staff",
                       "王芳", now=at)
            else:
                # The console's clock is set at its start (--now): started
                # anew at each turn, its steps carry the minute of the turn.
                st.stop()
                st.now = at
                st.start_console("--config", conf)
                cl = st.client()
                status, _, _ = cl.login()
                t.check("staff log in to the console at %s" % at, status == 303,
                        "status %d" % status)
                cl.get("/counter?counter=%d" % counter)  # its form's CSRF token
                if i > 1:
                    for step in ("serve", "finish"):
                        status, _, _ = cl.post("/counter/%d/%s" % (counter, step))
                        t.check("the console: %s at counter %d" % (step, counter),
                                status == 303, "status %d" % status)
                status, hdrs, _ = cl.post("/counter/%d/call" % counter, {"line": ""})
                t.check("the console calls the next for counter %d: %s" % (counter, number),
                        status == 303 and hdrs.get("location", "").endswith("t=" + number),
                        "%d %s" % (status, hdrs.get("location")))
            q = {r["number"]: r for r in rows(st, conf, "queue", "status")}
            r = q.get(number, {})
            t.check("%s called to counter %d by %s, the rule's order" % (number, counter, how),
                    r.get("status") == "called" and r.get("counter") == str(counter), str(r))
        rc, err = d.finish()
    finally:
        if d.proc.poll() is None:
            d.proc.kill()
            d.proc.wait()
        st.stop()
    said = [ln for ln in d.lines if ln.startswith("display: said ")]
    t.check("the display read each call back from its screen and said each twice (exit 0)",
            rc == 0, "exit %d: %s\n%s" % (rc, err[-1500:], "\n".join(d.lines[-10:])))
    for number, counter, _ in CALLS:
        t.check("... %s said twice: %s" % (number, spoken(number, counter)),
                said.count("display: said " + spoken(number, counter)) == 2, str(said))
        path = os.path.join(shots, "call-%s.bmp" % number)
        t.check("... its screenshot", os.path.exists(path) and os.path.getsize(path) > 100000)
    raw = os.path.join(st.dir, "display.raw")
    audio = array.array("h", open(raw, "rb").read()[: os.path.getsize(raw) // 2 * 2]) \
        if os.path.exists(raw) else array.array("h")
    loud = sum(1 for x in audio if abs(x) > 1000)
    t.check("the display's audio is not silence (%d samples, %d loud)" % (len(audio), loud),
            loud > 10000)
    t.check("nothing personal said or shown: no phone, no booking code",
            not any(PHONE in ln or ticket in ln for ln in d.lines))

    ev = subprocess.run(["sqlite3", "-separator", " ", st.db,
                         "SELECT label, counter FROM queue_events WHERE kind = 'queue_call' "
                         "ORDER BY seq"], capture_output=True, text=True).stdout.split("\n")
    t.check("queue_events: the calls in the rule's order, each to its counter",
            [x for x in ev if x] == ["%s %d" % (n, c) for n, c, _ in CALLS], str(ev))
    audit = subprocess.run(["sqlite3", "-separator", "|", st.db,
                            "SELECT staff, detail FROM audit WHERE action = 'queue_call' "
                            "ORDER BY rowid"], capture_output=True, text=True).stdout.split("\n")
    calls = [x.split("|", 1) for x in audit if x]
    t.check("the audit: the calls from kioskctl, the console, kioskctl, the console, by 王芳",
            [c[0] for c in calls] == ["王芳"] * 4
            and [c[1].endswith(" console") for c in calls] == [False, True, False, True],
            str(calls))

if __name__ == "__main__":
    main()
