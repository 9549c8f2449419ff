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
            status == 200 and 'name="reason"' in body and "本人要求" in body
            and 'name="other"' in body)
    status, _, body = cl.post("/booking/%s/cancel" % t1, {"other": "   "})
    t.check("a cancel without a reason is refused", status == 400 and 'id="error"' in body,
            "status %d" % status)
    t.check("... and changes nothing (still booked, no cancel in the audit)",
            booking(st, t1)["status"] == "booked" and not audit(st, "cancel"))
    status, _, body = cl.post("/booking/%s/cancel" % t1, {"other": "x" * 200})
    t.check("a reason too long is refused, nothing changed",
            status == 400 and booking(st, t1)["status"] == "booked", "status %d" % status)
    status, hdrs, _ = cl.post("/booking/%s/cancel" % t1, {"reason": "本人要求"})
    loc = hdrs.get("location", "")
    t.check("a cancel with a reason answers 303 back to the roster",
            status == 303 and ("/session/%s?done=cancel" % s1) in loc, "%d %s" % (status, loc))
    t.check("the booking is cancelled in the store", booking(st, t1)["status"] == "cancelled")
    rows_c = audit(st, "cancel")
    t.check("the audit has the cancel with the staff name and 'console: <reason>'",
            len(rows_c) == 1 and rows_c[0]["staff"] == STAFF and rows_c[0]["ticket"] == t1
            and rows_c[0]["detail"] == "console: 本人要求", repr(rows_c))
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

    # ---- close a session: a page that says what it does, then the POST ------
    status, _, body = cl.get("/session/%s/close" % s2)
    t.check("closing asks first, saying the booked stay booked and it cannot be undone",
            status == 200 and 'id="close-confirm"' in body and "不会被取消" in body
            and "不能恢复" in body and "1 人" in body, "status %d" % status)
    t.check("... and asking changed nothing", not audit(st, "close_session"))
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

    # ---- find (a POST: no number or name in a URL) --------------------------
    def find(q):
        return cl.post("/find", {"q": q})

    status, _, body = cl.get("/find?q=" + P1)
    t.check("a GET of /find searches nothing (only the form, no number in any URL)",
            status == 200 and "found-" not in body and 'method="post"' in body
            and P1 not in body)
    typed = (t3[:4] + "-" + t3[4:]).lower()
    status, _, body = find(typed)
    t.check("find by code as typed (lower case, dash) finds it, linking to its roster",
            status == 200 and ('id="found-%s"' % t3) in body
            and ("/session/%s#booking-%s" % (s2, t3)) in body, "status %d" % status)
    t.check("... and the page of results does not fetch itself again on a change",
            'id="no-live"' in body)
    payload = st.ctl("ticket", t3).stdout.split()[0]
    status, _, body = find(payload)
    t.check("find by the scanned QR payload", status == 200 and ('id="found-%s"' % t3) in body,
            "%d %s" % (status, payload))
    forged = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    status, _, body = find(forged)
    t.check("a forged payload is refused", status == 400 and "found-" not in body)
    names = len(audit(st, "find_name"))
    status, _, body = find("张奶奶")
    t.check("find by the person served", status == 200 and ('id="found-%s"' % t2) in body
            and ('id="found-%s"' % t1) not in body)
    found = audit(st, "find_name")
    t.check("a search by name is in the audit, without the name",
            len(found) == names + 1 and found[-1]["staff"] == STAFF
            and found[-1]["detail"] == "console: 1 bookings" and "张" not in found[-1]["detail"],
            repr(found))
    before = len(audit(st, "find_phone"))
    status, _, body = find("138 0013 8000")
    t.check("find by a full phone number", status == 200 and ('id="found-%s"' % t1) in body
            and ('id="found-%s"' % t2) not in body)
    t.check("... the page never shows the number in full", P1 not in body and "138 0013 8000" not in body)
    found = audit(st, "find_phone")
    t.check("a search by phone is in the audit, without the number",
            len(found) == before + 1 and found[-1]["staff"] == STAFF
            and found[-1]["detail"] == "console: 1 bookings", repr(found))
    find("138 0013 8000")
    t.check("each search by phone is audited (a search is always a staff member's act)",
            len(audit(st, "find_phone")) == before + 2)
    status, _, body = cl.post("/find", {"q": P2}, csrf="forged")
    t.check("a search without its CSRF token is refused and not audited",
            status == 403 and len(audit(st, "find_phone")) == before + 2 and "found-" not in body)
    status, _, body = find("ZZZZ-ZZZZ")
    t.check("an unknown code finds nothing", status == 200 and 'id="none-found"' in body)

    # ---- arrivals: on the session's day, audited with "console" --------------
    s5 = "dibao-zixun-20261202-0900"
    t5 = st.book(s5, "13700137005")
    status, _, body = cl.get("/session/" + s5)
    t.check("a session still to come offers no 到达/未到, only the cancel",
            status == 200 and ('id="attended-%s"' % t5) not in body
            and ('id="no_show-%s"' % t5) not in body and ('id="cancel-%s"' % t5) in body)
    status, _, _ = cl.post("/booking/%s/no_show" % t5)
    t.check("... and a no-show posted for it is refused (409), still booked",
            status == 409 and booking(st, t5)["status"] == "booked", "status %d" % status)
    status, _, _ = cl.post("/booking/%s/attended" % t3)
    came = audit(st, "attended")
    t.check("marking arrived on the day works, audited with the staff name and 'console'",
            status == 303 and booking(st, t3)["status"] == "checked_in" and len(came) == 1
            and came[0]["staff"] == STAFF and came[0]["detail"] == "console", repr(came))

    # ---- an export answered to HEAD writes no audit row ---------------------
    exports = len(audit(st, "export"))
    status, _, _ = cl.request("HEAD", "/export.csv?from=%s&until=%s" % (DAY, DAY))
    t.check("HEAD of the export is refused and writes no export row",
            status == 405 and len(audit(st, "export")) == exports, "status %d" % status)

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
            status == 200 and "console: 本人要求" in body and "show_phone" in body
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
