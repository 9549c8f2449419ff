"""The console's pages and actions (issue 18), against the real
kiosk-console, kioskctl and kiosk: each action is checked by what it did in
the store (kioskctl's csv), not only by the answer's status. One console
for the whole file."""
import csv
import io
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import BUILD, Station, Tap  # noqa: E402

DAY = "2026-12-01"
NOW = DAY + " 08:30"
STAFF = "王芳"
P1, P2, P3, P4 = "13800138000", "13900139001", "13700137002", "13600136003"
BRING = "身份证、户口簿；有的话带上收入证明、残疾证、病历"


def rows(st, *args):
    return list(csv.DictReader(io.StringIO(st.ctl(*args, "--format", "csv").stdout)))


def booking(st, ticket):
    for r in rows(st, "bookings"):
        if r["ticket"] == ticket:
            return r
    return None


def audit(st, action=None):
    return [r for r in rows(st, "audit", "--date", DAY) if action is None or r["action"] == action]


def main():
    t = Tap()
    st = Station(now=NOW)
    try:
        run(t, st)
    finally:
        st.cleanup()
    t.exit()


def run(t, st):
    s1 = "dibao-zixun-20261201-0900"
    s2 = "kangyang-zixun-20261201-0900"
    s3 = "jiating-tiaojie-20261201-1400"  # sensitive = yes
    t1 = st.book(s1, P1)
    t2 = st.book(s1, P2, "--for", "张奶奶")
    t3 = st.book(s2, P3)
    t4 = st.book(s3, P4)
    st.start_console()
    cl = st.client()
    status, hdrs, _ = cl.login()
    t.check("logged in", status == 303, "status %d" % status)

    # ---- the roster: masked, what to bring --------------------------------
    status, _, body = cl.get("/session/" + s1)
    t.check("the roster lists both bookings", status == 200 and t1 in body and t2 in body,
            "status %d" % status)
    t.check("the roster masks the numbers and the person",
            "138****8000" in body and P1 not in body and P2 not in body and "张奶奶" not in body
            and "张*<" in body, "full number or person on the page")
    t.check("the roster says what to bring (the catalog's words)",
            "请携带" in body and BRING in body)
    status, _, body = cl.get("/session/" + s3)
    t.check("a sensitive service's roster masks the number too",
            status == 200 and t4 in body and P4 not in body and "136****6003" in body)

    # ---- cancel with a reason ---------------------------------------------
    status, _, body = cl.get("/booking/%s/cancel" % t1)
    t.check("the cancel form offers preset reasons and a text field",
            status == 200 and 'name="reason"' in body and "居民来电取消" in body
            and 'name="other"' in body)
    status, _, body = cl.post("/booking/%s/cancel" % t1, {"other": "   "})
    t.check("a cancel without a reason is refused", status == 400 and 'id="error"' in body,
            "status %d" % status)
    t.check("... and changes nothing (still booked, no cancel in the audit)",
            booking(st, t1)["status"] == "booked" and not audit(st, "cancel"))
    status, _, body = cl.post("/booking/%s/cancel" % t1, {"other": "x" * 200})
    t.check("a reason too long is refused, nothing changed",
            status == 400 and booking(st, t1)["status"] == "booked", "status %d" % status)
    status, hdrs, _ = cl.post("/booking/%s/cancel" % t1, {"reason": "居民来电取消"})
    loc = hdrs.get("location", "")
    t.check("a cancel with a reason answers 303 back to the roster",
            status == 303 and ("/session/%s?done=cancel" % s1) in loc, "%d %s" % (status, loc))
    t.check("the booking is cancelled in the store", booking(st, t1)["status"] == "cancelled")
    rows_c = audit(st, "cancel")
    t.check("the audit has the cancel with the staff name and 'console: <reason>'",
            len(rows_c) == 1 and rows_c[0]["staff"] == STAFF and rows_c[0]["ticket"] == t1
            and rows_c[0]["detail"] == "console: 居民来电取消", repr(rows_c))
    status, _, _ = cl.post("/booking/%s/cancel" % t1, {"reason": "重复预约"})
    t.check("cancelling it again is refused (409), one cancel in the audit",
            status == 409 and len(audit(st, "cancel")) == 1, "status %d" % status)

    status, _, _ = cl.post("/booking/%s/cancel" % t4, {"reason": "重复预约", "other": "<b>迁走</b>"})
    t.check("a reason typed wins over the preset one",
            status == 303 and audit(st, "cancel")[-1]["detail"] == "console: <b>迁走</b>",
            repr(audit(st, "cancel")))
    status, _, body = cl.get("/booking/%s/cancel" % t1)
    t.check("the cancel form of a cancelled booking says so and has no form",
            status == 409 and 'id="cancel-confirm"' not in body, "status %d" % status)

    # ---- the reveal --------------------------------------------------------
    status, _, body = cl.get("/session/" + s1)
    t.check("before the reveal the roster has no full number", P2 not in body and P1 not in body)
    status, _, body = cl.get("/session/%s?show=%s" % (s1, t2))
    t.check("a GET cannot reveal", P2 not in body and not audit(st, "show_phone"))
    status, hdrs, _ = cl.post("/booking/%s/show_phone" % t2)
    t.check("the reveal answers 303 back to the roster",
            status == 303 and ("/session/%s?done=show_phone" % s1) in hdrs.get("location", ""),
            "status %d" % status)
    shown = audit(st, "show_phone")
    t.check("the reveal is in the audit (show_phone, the staff, the ticket, 'console')",
            len(shown) == 1 and shown[0]["staff"] == STAFF and shown[0]["ticket"] == t2
            and "console" in shown[0]["detail"] and P2 not in shown[0]["detail"], repr(shown))
    status, _, body = cl.get("/session/" + s1)
    t.check("after the reveal the roster shows that number and person in full",
            P2 in body and "张奶奶" in body)
    t.check("... and only that booking's", P1 not in body)
    other = st.client()
    other.login()
    status, _, body = other.get("/session/" + s1)
    t.check("another staff session still sees it masked", status == 200 and P2 not in body)

    status, _, body = cl.get("/bookings?from=%s&until=%s" % (DAY, DAY))
    t.check("the bookings list links each booking to its row on the roster, still masked",
            status == 200 and ('id="row-%s"' % t2) in body
            and ("/session/%s#booking-%s" % (s1, t2)) in body and P2 not in body
            and "张奶奶" not in body, "status %d" % status)

    # ---- close a session ---------------------------------------------------
    status, hdrs, _ = cl.post("/session/%s/close" % s2)
    t.check("closing a session answers 303 back to its roster",
            status == 303 and ("/session/%s?done=close" % s2) in hdrs.get("location", ""),
            "status %d" % status)
    p = st.ctl("book", "--session", s2, "--phone", "13500135004", check=False)
    t.check("the closed session takes no more bookings (kioskctl book refused)",
            p.returncode == 1, "exit %d: %s" % (p.returncode, p.stdout))
    closed = audit(st, "close_session")
    t.check("the close is in the audit with the staff name and 'console'",
            len(closed) == 1 and closed[0]["staff"] == STAFF and closed[0]["session_id"] == s2
            and closed[0]["detail"].startswith("console: "), repr(closed))
    status, _, body = cl.get("/session/" + s2)
    t.check("the roster says closed and offers no close button",
            "已停止预约" in body and 'id="close-session"' not in body)

    # ---- find ----------------------------------------------------------------
    typed = (t3[:4] + "-" + t3[4:]).lower()
    status, _, body = cl.get("/find?q=" + urllib.parse.quote(typed))
    t.check("find by code as typed (lower case, dash) finds it, linking to its roster",
            status == 200 and ('id="found-%s"' % t3) in body
            and ("/session/%s#booking-%s" % (s2, t3)) in body, "status %d" % status)
    payload = st.ctl("ticket", t3).stdout.split()[0]
    status, _, body = cl.get("/find?q=" + urllib.parse.quote(payload))
    t.check("find by the scanned QR payload", status == 200 and ('id="found-%s"' % t3) in body,
            "%d %s" % (status, payload))
    forged = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    status, _, body = cl.get("/find?q=" + urllib.parse.quote(forged))
    t.check("a forged payload is refused", status == 400 and "found-" not in body)
    status, _, body = cl.get("/find?q=" + urllib.parse.quote("张奶奶"))
    t.check("find by the person served", status == 200 and ('id="found-%s"' % t2) in body
            and ('id="found-%s"' % t1) not in body)
    before = len(audit(st, "find_phone"))
    status, _, body = cl.get("/find?q=" + urllib.parse.quote("138 0013 8000"))
    t.check("find by a full phone number", status == 200 and ('id="found-%s"' % t1) in body
            and ('id="found-%s"' % t2) not in body)
    t.check("... the page never shows the number in full", P1 not in body and "138 0013 8000" not in body)
    found = audit(st, "find_phone")
    t.check("a search by phone is in the audit, without the number",
            len(found) == before + 1 and found[-1]["staff"] == STAFF
            and found[-1]["detail"] == "console: 1 bookings", repr(found))
    cl.get("/find?q=" + urllib.parse.quote("138 0013 8000"))
    t.check("the same search again (as the page's live update fetches it) is not audited twice",
            len(audit(st, "find_phone")) == before + 1)
    cl.get("/find?q=" + P2)
    t.check("another number's search is audited", len(audit(st, "find_phone")) == before + 2)
    status, _, body = cl.get("/find?q=" + urllib.parse.quote("ZZZZ-ZZZZ"))
    t.check("an unknown code finds nothing", status == 200 and 'id="none-found"' in body)

    # ---- calls from the kiosk ----------------------------------------------
    script = os.path.join(st.dir, "call.txt")
    with open(script, "w") as f:
        f.write("tap start\ntap call-staff\nexpect-screen call\n")
    p = subprocess.run([os.path.join(BUILD, "kiosk"), "--headless", "--data-dir", st.dir,
                        "--now", "2026-12-01 08:40", "--script", script],
                       capture_output=True, text=True, timeout=120)
    calls = rows(st, "calls")
    t.check("the kiosk made a call", p.returncode == 0 and len(calls) == 1,
            "exit %d %s" % (p.returncode, p.stderr[-500:]))
    cid = calls[0]["call"] if calls else "0"
    status, _, body = cl.get("/calls")
    t.check("the calls page lists it as open with its button",
            status == 200 and ('id="ack-%s"' % cid) in body and 'id="calls-open-none"' not in body)
    status, hdrs, _ = cl.post("/calls/%s/ack" % cid)
    t.check("acknowledging answers 303 back to the calls",
            status == 303 and "/calls?done=ack" in hdrs.get("location", ""), "status %d" % status)
    done = rows(st, "calls", "--all")
    t.check("the call is acknowledged in the store by the staff member",
            not rows(st, "calls") and done and done[0]["acked_by"] == STAFF, repr(done))
    acks = audit(st, "call_ack")
    t.check("the acknowledgement is in the audit with 'console'",
            len(acks) == 1 and acks[0]["staff"] == STAFF and acks[0]["detail"].startswith("console: "),
            repr(acks))
    status, _, body = cl.get("/calls")
    t.check("the calls page now lists it as acknowledged",
            'id="calls-open-none"' in body and ('id="call-%s"' % cid) in body
            and ('id="ack-%s"' % cid) not in body)
    status, _, _ = cl.post("/calls/%s/ack" % cid)
    t.check("acknowledging it again is refused (409)", status == 409, "status %d" % status)

    # ---- the audit page ------------------------------------------------------
    status, _, body = cl.get("/audit?date=" + DAY)
    ids = [int(m) for m in re.findall(r'id="audit-(\d+)"', body)]
    t.check("the audit page lists the console's rows",
            status == 200 and "console: 居民来电取消" in body and "show_phone" in body
            and "close_session" in body and "call_ack" in body and STAFF in body)
    t.check("... escaped", "&lt;b&gt;迁走&lt;/b&gt;" in body and "<b>迁走" not in body)
    t.check("... newest first", len(ids) > 3 and ids == sorted(ids, reverse=True), repr(ids))
    status, _, _ = cl.get("/audit?date=2026-13-40")
    t.check("a bad date is refused", status == 400, "status %d" % status)

    # ---- the console ends cleanly (under the sanitizers: no error, no leak) --
    st.proc.terminate()
    rc = st.proc.wait(timeout=60)
    st.log.seek(0)
    log = st.log.read()
    t.check("the console exits cleanly, nothing from the sanitizers",
            rc == 0 and "Sanitizer" not in log and "runtime error" not in log,
            "exit %d: %s" % (rc, log[-1500:]))


if __name__ == "__main__":
    main()
