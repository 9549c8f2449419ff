"""好差评 on the staff console (issue 20): two visits rated on the real kiosk
(home's 服务评价 with the ticket's code), one 不满意 with a reason and one
满意; the console's home says one low rating waits (a link to /ratings),
the ratings page lists the 不满意 (service, day, level and reason in words)
and not the 满意, and no phone number, label or ticket; a follow-up without
a note or without its CSRF token changes nothing; with a note it is kept
under the staff member's name, audited, and the home page's count drops to
0. Run by tests/ratings/rate.sh."""
import csv
import io
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import BUILD, STAFF, Station, Tap  # noqa: E402

PHONE_A, PHONE_B, PERSON = "13800138011", "13800138022", "张奶奶"


def rate(st, code, level, reasons, now):
    steps = ["tap start", "tap rate", "expect-screen rate-code"]
    steps += ["tap key:%s" % c for c in code]
    steps += ["tap next", "expect-screen rate", "tap rate:%d" % level, "expect-screen rate-reasons"]
    steps += ["tap reason:%s" % r for r in reasons]
    steps += ["tap submit", "expect-screen rated"]
    script = os.path.join(st.dir, "rate-%s.txt" % code)
    with open(script, "w") as f:
        f.write("\n".join(steps) + "\n")
    return subprocess.run([os.path.join(BUILD, "kiosk"), "--headless", "--data-dir", st.dir,
                           "--size", "1080x1920", "--now", now, "--script", script],
                          capture_output=True, text=True, timeout=120).returncode


def main():
    t = Tap()
    st = Station(now="2026-12-01 08:30")
    try:
        run(t, st)
    finally:
        st.cleanup()
    t.exit()


def run(t, st):
    low = st.book("kangyang-zixun-20261201-1000", PHONE_A, "--for", PERSON)
    good = st.book("kangyang-zixun-20261201-1000", PHONE_B)
    st.ctl("checkin", low, now="2026-12-01 09:50")
    st.ctl("checkin", good, now="2026-12-01 09:51")
    t.check("console: a 不满意 rated at the kiosk", rate(st, low, 2, ["wait"], "2026-12-02 09:00") == 0)
    t.check("console: a 满意 rated at the kiosk", rate(st, good, 4, [], "2026-12-02 09:01") == 0)
    st.now = "2026-12-02 10:00"
    st.start_console()
    cl = st.client()
    status, _, _ = cl.login()
    t.check("console: logged in", status == 303, "status %d" % status)
    status, _, home = cl.get("/")
    m = re.search(r'id="ratings-waiting" data-count="(\d+)"><a [^>]*href="[^"]*/ratings">', home)
    t.check("console: the home page says one low rating waits, linking to the page",
            status == 200 and m and m.group(1) == "1" and "待跟进的差评：1 条" in home,
            home[:0] if m else "no ratings-waiting line")
    t.check("console: the page is in the navigation", 'id="nav-ratings"' in home)
    status, _, body = cl.get("/ratings")
    open_part = body.split('id="ratings-open"')[1].split("</table>")[0] if 'id="ratings-open"' in body else ""
    rows = re.findall(r'<tr class="rating level-(\d)" id="rating-(\d+)">', open_part)
    t.check("console: /ratings lists the 不满意 waiting, not the 满意",
            status == 200 and [lv for lv, _ in rows] == ["2"], "rows %s" % rows)
    t.check("console: ... with its service, day, level and reason in words",
            all(w in open_part for w in ("康养咨询", "2026-12-01", "不满意", "等候时间长", "凭小票")))
    t.check("console: no phone number, label or ticket on the page",
            not any(x in body for x in (PHONE_A, PHONE_B, PERSON, low, good)))
    seq = rows[0][1] if rows else "0"
    status, _, _ = cl.post("/ratings/%s/followup" % seq, {"note": "x"}, csrf="forged")
    status2, _, _ = cl.post("/ratings/%s/followup" % seq, {})
    out = st.ctl("ratings", "--low", "--format", "csv").stdout
    r = list(csv.DictReader(io.StringIO(out)))
    t.check("console: a follow-up without its CSRF token or without a note changes nothing",
            status == 403 and status2 == 400 and r and not r[0]["followed_at"],
            "status %d, %d; %s" % (status, status2, r))
    status, hdrs, _ = cl.post("/ratings/%s/followup" % seq, {"note": "已与窗口沟通，回访 13912345678"})
    out = st.ctl("ratings", "--low", "--format", "csv").stdout
    r = list(csv.DictReader(io.StringIO(out)))
    t.check("console: followed up with a note, under the staff member's name",
            status == 303 and r and r[0]["followed_by"] == STAFF and "已与窗口沟通" in r[0]["note"],
            "status %d, %s" % (status, r))
    audit = st.ctl("audit", "--format", "csv").stdout
    t.check("console: ... audited (rating_followup), the number in the note masked",
            "rating_followup" in audit and "13912345678" not in audit
            and "13912345678" not in r[0]["note"])
    status, _, home = cl.get("/")
    t.check("console: the home page's count is 0 after it",
            'id="ratings-waiting" data-count="0"' in home)
    status, _, body = cl.get("/ratings")
    t.check("console: the rating is listed as followed up",
            'id="ratings-open-none"' in body and ('id="rating-%s"' % seq) in body.split('id="ratings-done"')[1])
    status, _, _ = cl.post("/ratings/%s/followup" % seq, {"note": "again"})
    t.check("console: a second follow-up is refused (409)", status == 409, "status %d" % status)


if __name__ == "__main__":
    main()
