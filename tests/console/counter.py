"""The console's counter page (issue 18's 叫号, issue 19's calling), against
the real kiosk-console and kioskctl: every step is checked by what it did in
the store (kioskctl queue status and audit as csv), not only by the answer.
The station's rule here is queue_priority_every = 1, so a priority number
waiting goes after one regular call: the order differs from the order of
taking and from "priority first". One console for the whole file."""
import csv
import io
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import STAFF, Station, Tap  # noqa: E402

DAY = "2026-12-01"
PHONE = "13800138000"
PERSON = "张奶奶"


def rows(st, conf, *args):
    out = st.ctl("--config", conf, *args, "--format", "csv").stdout
    return list(csv.DictReader(io.StringIO(out)))


def queue(st, conf):
    """Today's tickets: {(number, line): row}."""
    return {(r["number"], r["line"]): r for r in rows(st, conf, "queue", "status")}


def line_row(body, line):
    """The counter page's row of line: (waiting, [next numbers])."""
    m = re.search(r'id="line-%s".*?class="num waiting">(\d+)<.*?class="next">(.*?)</td>' % line,
                  body, re.S)
    if not m:
        return None, []
    return m.group(1), re.findall(r"<code[^>]*>([A-Z]\d{3})", m.group(2))


def main():
    t = Tap()
    st = Station(now=DAY + " 08:30")
    try:
        run(t, st)
    finally:
        st.cleanup()
    t.exit()


def run(t, st):
    conf = os.path.join(st.dir, "kiosk.conf")
    with open(conf, "w") as f:
        f.write("queue_priority_every = 1\n")
    for minute, extra in (("08:30", ()), ("08:31", ()), ("08:32", ("--priority",))):
        st.ctl("--config", conf, "queue", "take", "--line", "zonghe", *extra,
               now=DAY + " " + minute)
    # A booked resident checked in: an appointment on line B at 09:00, with
    # a phone number and a name in the store that the page must not show.
    ticket = st.book("dibao-zixun-20261201-0900", PHONE, "--for", PERSON)
    st.ctl("--config", conf, "checkin", ticket, now=DAY + " 08:35")
    st.now = DAY + " 08:40"
    st.start_console("--config", conf)
    cl = st.client()
    status, _, _ = cl.login()
    t.check("logged in", status == 303, "status %d" % status)

    def page(n=1):
        return cl.get("/counter?counter=%d" % n)

    def step(verb, n=1, **fields):
        return cl.post("/counter/%d/%s" % (n, verb), fields)

    def at_counter(q, number, line="zonghe"):
        r = q.get((number, line))
        return (r or {}).get("status"), (r or {}).get("counter")

    status, _, body = page()
    t.check("the counter page answers, in the nav as 叫号",
            status == 200 and 'id="nav-counter"' in body and "叫号" in body
            and 'aria-current="page"' in body.split('id="nav-counter"')[1][:60],
            "status %d" % status)
    t.check("an idle counter says so and offers 叫下一位",
            'id="counter-idle"' in body and 'id="call"' in body and "叫下一位" in body)
    waiting, nxt = line_row(body, "zonghe")
    t.check("line A: 3 waiting, the next in the rule's order A001 A003 A002, A003 marked",
            waiting == "3" and nxt == ["A001", "A003", "A002"]
            and re.search(r'<code class="priority">A003<span class="tag"', body) is not None,
            "%s %s" % (waiting, nxt))
    t.check("the page shows no phone or name (an appointment waits on line B)",
            PHONE not in body and "138****8000" not in body and PERSON not in body
            and "张*" not in body and ticket not in body and "B001" in body)

    before = queue(st, conf)
    status, _, _ = cl.post("/counter/1/call", {"line": "zonghe"}, csrf=False)
    t.check("a call without the CSRF token is refused and changes nothing",
            status == 403 and queue(st, conf) == before, "status %d" % status)
    status, _, _ = cl.post("/counter/1/call", {"line": "zonghe"}, csrf="x" * 43)
    t.check("... so is one with a wrong token", status == 403 and queue(st, conf) == before,
            "status %d" % status)

    # 1: the oldest regular number, of line A only
    status, hdrs, _ = step("call", line="zonghe")
    loc = hdrs.get("location", "")
    q = queue(st, conf)
    t.check("叫下一位 (line A) calls A001 to counter 1 and answers 303 back to the counter",
            status == 303 and loc.endswith("/counter?counter=1&done=call&t=A001")
            and at_counter(q, "A001") == ("called", "1")
            and at_counter(q, "A002")[0] == "waiting", "%d %s %s" % (status, loc, q))
    status, _, body = cl.get(loc, raw_path=True)
    t.check("the page shows A001 called at counter 1 and the notice",
            re.search(r'id="counter-number" data-status="called">A001<', body) is not None
            and 'id="notice"' in body and "已叫号" in body)
    status, _, body = page(2)
    t.check("counter 2 is idle meanwhile", status == 200 and 'id="counter-idle"' in body)

    status, _, _ = step("recall")
    q = queue(st, conf)
    t.check("重呼 keeps A001 called at counter 1", status == 303
            and at_counter(q, "A001") == ("called", "1"))
    status, _, _ = step("serve")
    t.check("开始办理 makes A001 serving", status == 303
            and at_counter(queue(st, conf), "A001") == ("serving", "1"))
    status, _, body = page()
    t.check("... and the page offers 办结 only", 'id="finish"' in body and 'id="skip"' not in body
            and 'id="call"' not in body)
    status, _, _ = step("finish")
    t.check("办结 makes A001 done", status == 303
            and at_counter(queue(st, conf), "A001")[0] == "done")

    # 2: with one regular call made, the waiting priority number goes next
    status, hdrs, _ = step("call", line="")
    q = queue(st, conf)
    t.check("叫下一位 (any line) calls the priority A003 before A002 (queue_priority_every = 1)",
            status == 303 and at_counter(q, "A003") == ("called", "1")
            and at_counter(q, "A002")[0] == "waiting" and hdrs.get("location", "").endswith(
                "t=A003"), str(q))
    status, _, _ = step("skip")
    t.check("未到 marks A003 no_show", status == 303
            and at_counter(queue(st, conf), "A003")[0] == "no_show")

    # 3: the last, transferred to line B
    step("call", line="")
    t.check("the next call takes A002",
            at_counter(queue(st, conf), "A002") == ("called", "1"))
    status, hdrs, _ = step("transfer", to="jiuzhu")
    q = queue(st, conf)
    t.check("转到 jiuzhu ends A002 on line A and it waits on line B",
            status == 303 and at_counter(q, "A002")[0] == "transferred"
            and at_counter(q, "A002", "jiuzhu")[0] == "waiting", str(q))
    status, _, body = page()
    t.check("the counter is idle again and line B lists A002 waiting",
            'id="counter-idle"' in body and "A002" in line_row(body, "jiuzhu")[1])

    before = queue(st, conf)
    status, _, body = step("finish")
    t.check("a step with nothing at the counter is refused and changes nothing",
            status == 404 and 'id="error"' in body and queue(st, conf) == before,
            "status %d" % status)
    status, _, body = step("transfer", to="")
    t.check("a transfer without a line is refused", status == 400 and queue(st, conf) == before)
    status, _, _ = cl.get("/counter?counter=100")
    t.check("a counter out of 1..99 is refused", status == 400)
    answers = [cl.post(path, {"line": ""})[0] for path in
               ("/counter/0/call", "/counter/100/call", "/counter/x/call", "/counter/1/bogus")]
    t.check("a step of no counter or of no name is 404 and changes nothing",
            answers == [404] * 4 and queue(st, conf) == before, str(answers))

    audit = [r for r in rows(st, conf, "audit", "--date", DAY) if r["action"].startswith("queue_")]
    acts = [r["action"] for r in audit]
    t.check("every step is audited with the staff name and console",
            acts == ["queue_call", "queue_recall", "queue_serve", "queue_finish", "queue_call",
                     "queue_skip", "queue_call", "queue_transfer"]
            and all(r["staff"] == STAFF and r["detail"].endswith(" console") for r in audit),
            str([(r["action"], r["staff"], r["detail"]) for r in audit]))
    status, _, body = page()
    t.check("still no phone or name on the page at the end",
            PHONE not in body and PERSON not in body and "138****8000" not in body)


if __name__ == "__main__":
    main()
