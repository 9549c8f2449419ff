"""The waitlist's console page (issue 20) against the real kiosk-console
and kioskctl: every action is checked in the store, not only by the answer."""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import STAFF, Station, Tap  # noqa: E402

S = "hunyin-zixun-20261202-0900"  # 2 seats
P1, P2, P3 = "13900000011", "13900000022", "13900000033"


def waitlist(st):
    out = st.ctl("waitlist", "--all", "--format", "csv").stdout
    return {r["id"]: r for r in csv.DictReader(io.StringIO(out))}


def main():
    t = Tap()
    st = Station(now="2026-12-01 09:00")
    try:
        run(t, st)
    finally:
        st.cleanup()
    t.exit()


def run(t, st):
    first = st.book(S, "13800000001")
    st.book(S, "13800000002")
    st.ctl("waitlist", "join", "--session", S, "--phone", P1)
    st.ctl("waitlist", "join", "--session", S, "--phone", P2, "--for", "张奶奶")
    st.ctl("waitlist", "join", "--session", S, "--phone", P3)
    st.ctl("cancel", first)
    w = waitlist(st)
    t.check("the cancel held the seat for the first", w["1"]["status"] == "held", str(w))
    st.start_console()
    cl = st.client()
    status, _, _ = cl.login()
    t.check("logged in", status == 303, "status %d" % status)
    status, _, body = cl.get("/waitlist")
    call = body.split('id="wait-call"')[1].split("</table>")[0] if 'id="wait-call"' in body else ""
    wait = body.split('id="wait-list"')[1].split("</table>")[0] if 'id="wait-list"' in body else ""
    t.check("the page answers, in the nav as 候补", status == 200 and 'id="nav-waitlist"' in body
            and "候补" in body, "status %d" % status)
    t.check("whom to phone: the first, the full number, the hold's end and the code",
            'id="wait-1"' in call and P1 in call and "2026-12-01 11:00" in call
            and w["1"]["ticket"] in call and 'id="confirm-1"' in call, call[:400])
    t.check("who waits: the second and third in order, numbers masked",
            'id="wait-2"' in wait and 'id="wait-3"' in wait
            and wait.index('id="wait-2"') < wait.index('id="wait-3"')
            and "139****0022" in wait and P2 not in wait and P3 not in wait
            and "张奶奶" in wait, wait[:400])

    status, _, _ = cl.post("/waitlist/1/confirm", {}, csrf=False)
    t.check("a confirm without the CSRF token is refused and changes nothing",
            status == 403 and waitlist(st)["1"]["status"] == "held", "status %d" % status)
    status, hdrs, _ = cl.post("/waitlist/1/confirm", {})
    t.check("已电话联系，确认 makes the first taken", status == 303
            and hdrs.get("location", "").endswith("/waitlist?done=wait_confirm&t=1")
            and waitlist(st)["1"]["status"] == "taken", "status %d" % status)
    status, _, _ = cl.post("/waitlist/1/confirm", {})
    t.check("confirming again is refused (409)", status == 409, "status %d" % status)
    status, _, _ = cl.post("/waitlist/2/withdraw", {})
    w = waitlist(st)
    t.check("移出候补 takes the second off; the third is place 1",
            status == 303 and w["2"]["status"] == "withdrawn" and w["3"]["position"] == "1",
            str(w))
    audit = st.ctl("audit", "--format", "csv").stdout
    t.check("both audited under the staff member",
            "waitlist_confirm" in audit and "waitlist_withdraw" in audit and STAFF in audit)


main()
