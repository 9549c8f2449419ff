"""The staff console in a real browser (issue 18): Debian's chromium,
headless, driven by chromium-driver through python3-selenium, against the
real kiosk-console on a store made with the real kioskctl, and the real
kiosk binary booking and logging in on the same store.

One browser session: log in with the PIN; today's sessions; a roster with a
booking made beforehand; mark the resident attended (the page and the store
say so); export a date range (the same bytes as kioskctl export); a booking
made at the kiosk appears on the open page without a reload; log out. Then
five wrong PINs lock the console, and the kiosk's staff login refuses the
right PIN as locked.

Every wait is for something on the page, a file or a process, with an upper
bound; no fixed sleeps."""
import os
import subprocess
import sys
import time

import importlib.util

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# tests/lib/console.py, by its path: this file has the same name.
_spec = importlib.util.spec_from_file_location(
    "console_lib", os.path.join(HERE, "..", "lib", "console.py"))
lib = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lib)
BUILD, PIN, Station, Tap = lib.BUILD, lib.PIN, lib.Station, lib.Tap

import browser  # noqa: E402
from selenium.common.exceptions import (StaleElementReferenceException, TimeoutException,
                                        WebDriverException)  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

NOW = "2026-12-01 08:30"
DATE = "2026-12-01"
SID = "kangyang-zixun-20261201-1000"
WAIT = 30  # upper bound of every wait, in seconds (never reached when it works)

tap = Tap()
st = Station(now=NOW)
drv = None


def until(cond, what, timeout=WAIT):
    """Waits for cond(driver) to be true; False (not an exception) on timeout."""
    try:
        WebDriverWait(drv, timeout, poll_frequency=0.05).until(lambda d: cond(d))
        return True
    except TimeoutException:
        print("# timed out waiting for " + what)
        return False


# The page swaps its main part whenever the store changes (the login's own
# audit line may arrive just after the page loaded): an element found a
# moment ago can be gone, so these find it again until it holds still.
def text(css):
    for _ in range(50):
        try:
            els = drv.find_elements(By.CSS_SELECTOR, css)
            return els[0].text if els else ""
        except StaleElementReferenceException:
            continue
    return ""


def click(css):
    for _ in range(50):
        try:
            drv.find_element(By.CSS_SELECTOR, css).click()
            return
        except StaleElementReferenceException:
            continue
    raise StaleElementReferenceException(css)


def gone(el):
    """True once el left the document. Chromium says so as "stale" or, while
    the next page comes in, as "Node ... does not belong to the document"
    (a plain WebDriverException, which selenium's staleness_of lets out)."""
    try:
        el.is_enabled()
        return False
    except WebDriverException:
        return True


def submit_pin(pin):
    """Types pin into the login form and sends it, then waits for the
    answer's page to replace the form's (the old field gone stale): the next
    step never types into a page on its way out."""
    # A page on its way in or out answers "stale" or "not interactable":
    # find the form again, up to WAIT seconds.
    deadline = time.monotonic() + WAIT
    while True:
        try:
            until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pin"), "the PIN field")
            field = drv.find_element(By.CSS_SELECTOR, "#pin")
            field.send_keys(pin)
            drv.find_element(By.CSS_SELECTOR, "#login").click()
            break
        except WebDriverException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    until(lambda d: gone(field), "the answer to the PIN")


# What a finger cannot use on an upright 10-inch tablet (800 px wide): a
# control under 44 px high, or a page wider than the screen.
TABLET_JS = """
var small = [];
document.querySelectorAll('header a, header button, nav a, main a, main button, main input')
  .forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width && r.height < 44) small.push((e.id || e.textContent.trim()) + ' ' + r.height);
  });
return {small: small, wide: document.documentElement.scrollWidth};
"""


def on_tablet(what):
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": 800, "height": 1280, "deviceScaleFactor": 1, "mobile": False})
    try:
        r = drv.execute_script(TABLET_JS)
    finally:
        drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    tap.check("on a tablet (800 px) %s fits the width and every control is 44 px high" % what,
              not r["small"] and r["wide"] <= 800, "%s, %d px wide" % (r["small"], r["wide"]))


def store_status(ticket):
    out = st.ctl("bookings", "--date", DATE, "--format", "csv").stdout.splitlines()
    head = out[0].split(",")
    for line in out[1:]:
        f = line.split(",")
        if f[head.index("ticket")] == ticket:
            return f[head.index("status")]
    return None


def tickets():
    out = st.ctl("bookings", "--date", DATE, "--format", "csv").stdout.splitlines()
    i = out[0].split(",").index("ticket")
    return [line.split(",")[i] for line in out[1:] if line]


def kiosk(script_lines, name):
    """Runs the real kiosk headless on the station's store with a script."""
    path = os.path.join(st.dir, name + ".txt")
    with open(path, "w") as f:
        f.write("\n".join(script_lines) + "\n")
    data = os.path.join(st.dir, "kiosk-data")
    os.makedirs(data, exist_ok=True)
    return subprocess.run([os.path.join(BUILD, "kiosk"), "--headless", "--data-dir", data,
                           "--db", st.db, "--now", NOW, "--script", path],
                          capture_output=True, text=True, timeout=120)


def pin_taps(pin):
    return ["tap key:" + d for d in pin] + ["tap next"]


try:
    t0 = time.monotonic()
    before = st.book(SID, "13800000001", "--party", "2")
    url = st.start_console()
    drv = browser.start(st.dir, cert_pem=os.path.join(st.tls_dir, "cert.pem"))

    # -- log in ----------------------------------------------------------------
    drv.get(url + "/")
    tap.check("a page without a session shows the login form",
              until(lambda d: d.find_elements(By.ID, "pin"), "the PIN field"),
              drv.current_url)
    submit_pin(PIN)
    tap.check("the PIN logs in: today's sessions with the staff name",
              until(lambda d: d.find_elements(By.ID, "today"), "today's table")
              and text("#staff-name") == "王芳", text("body")[:300])

    # -- today and a roster ----------------------------------------------------
    row = 'tr[data-session="%s"]' % SID
    tap.check("today lists the session with its booked persons (2)",
              text(row + " td.booked") == "2", text(row))
    on_tablet("today")
    click(row + " td.svc a")
    tap.check("the roster shows the booking made beforehand, phone masked",
              until(lambda d: d.find_elements(By.ID, "booking-" + before), "the roster row")
              and "138****0001" in text("#booking-" + before)
              and "13800000001" not in drv.page_source, text("#main")[:300])
    on_tablet("the roster")

    # -- mark attended ---------------------------------------------------------
    click("#attended-" + before)
    tap.check("marking attended: the page says so",
              until(lambda d: d.find_elements(By.ID, "notice"), "the notice")
              and "已标记为到达" in text("#notice")
              and "已签到" in text("#booking-" + before + " td.status")
              and not drv.find_elements(By.ID, "attended-" + before), text("#main")[:300])
    tap.check("marking attended: the store says checked_in",
              store_status(before) == "checked_in", str(store_status(before)))

    # -- export a date range ---------------------------------------------------
    drv.get(url + "/bookings?from=2026-12-01&until=2026-12-02")
    click("#export")
    want_name = "bookings-2026-12-01-2026-12-02.csv"
    got = os.path.join(drv.download_dir, want_name)
    downloaded = until(lambda d: os.path.exists(got) and not any(
        n.endswith(".crdownload") for n in os.listdir(drv.download_dir)), "the download")
    ref = os.path.join(st.dir, "ref.csv")
    st.ctl("export", "--out", ref, "--from", "2026-12-01", "--until", "2026-12-02")
    with open(ref, "rb") as f:
        want = f.read()
    have = open(got, "rb").read() if downloaded else b""
    tap.check("the exported range is the same file as kioskctl export's",
              downloaded and have == want and before.encode() in want,
              "%s: %d bytes vs %d" % (os.listdir(drv.download_dir), len(have), len(want)))

    # -- a kiosk booking appears without a reload --------------------------------
    drv.get(url + "/session/" + SID)
    live = until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-live") == "1",
                 "the event stream")
    tap.check("the open roster is connected to the event stream", live)
    drv.execute_script("window.__kept = 1")  # gone if the page reloads
    updates = int(drv.find_element(By.TAG_NAME, "body").get_attribute("data-updates") or 0)
    old = set(tickets())
    k = kiosk(["expect-screen attract", "tap start", "expect-screen home",
               "tap category:yanglao", "expect-screen category",
               "tap service:kangyang-zixun", "expect-screen service", "tap book",
               "expect-screen slots", "tap session:" + SID, "expect-screen phone"]
              + ["tap key:" + d for d in "13900002222"]
              + ["tap next", "expect-screen confirm", "tap confirm", "expect-screen ticket",
                 "tap done", "expect-screen home"], "book")
    new = [t for t in tickets() if t not in old]
    tap.check("the kiosk booked on the same store", k.returncode == 0 and len(new) == 1,
              "exit %d, new %s: %s" % (k.returncode, new, k.stderr[-600:]))
    appeared = bool(new) and until(
        lambda d: int(d.find_element(By.TAG_NAME, "body").get_attribute("data-updates") or 0)
        > updates and d.find_elements(By.ID, "booking-" + new[0]), "the kiosk's booking")
    tap.check("the kiosk's booking appears on the open roster without a reload",
              appeared and drv.execute_script("return window.__kept") == 1
              and "139****2222" in text("#booking-" + new[0]), text("#roster")[:400])

    # How soon: a booking made with kioskctl on the open today page.
    drv.get(url + "/")
    until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-live") == "1",
          "the event stream of today")
    other = 'tr[data-session="dibao-zixun-20261201-1400"] td.booked'
    drv.execute_script("window.__kept = 2")
    t1 = time.monotonic()
    st.book("dibao-zixun-20261201-1400", "13900003333")
    shown = until(lambda d: text(other) == "1", "the count on today")
    tap.check("a booking made meanwhile updates today's counts without a reload",
              shown and drv.execute_script("return window.__kept") == 2, text(other))
    print("# a booking showed on the open page %d ms after kioskctl booked it"
          % ((time.monotonic() - t1) * 1000))

    # A finger on the page holds the swap back (rows must not move under
    # it) for a second after it touched, then the page catches up. The
    # swap that counts is the one that shows the new booking (one already
    # on its way for an earlier change is not what is held).
    drv.execute_script("""
        var sel = arguments[0];
        window.__swapAt = 0;
        new MutationObserver(function () {
            var c = document.querySelector(sel);
            if (!window.__swapAt && c && c.textContent === '2') window.__swapAt = Date.now();
        }).observe(document.getElementById('main'), {childList: true});
        document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
        window.__downAt = Date.now();""", other)
    st.book("dibao-zixun-20261201-1400", "13900004444")
    shown = until(lambda d: text(other) == "2", "the count after the touch")
    held = drv.execute_script("return window.__swapAt - window.__downAt")
    tap.check("a touch on the page holds a live update back for a second, then it comes",
              shown and held >= 990, "%s ms, %s" % (held, text(other)))

    # -- log out ---------------------------------------------------------------
    click("#logout")
    until(lambda d: d.find_elements(By.ID, "pin"), "the login form after logout")
    drv.get(url + "/session/" + SID)
    tap.check("after logout a page needs the login again",
              until(lambda d: d.find_elements(By.ID, "pin"), "the login form")
              and not drv.find_elements(By.ID, "roster"), drv.current_url)

    # -- five wrong PINs lock the console and the kiosk --------------------------
    for i in range(5):
        submit_pin("111111")
        until(lambda d: d.find_elements(By.ID, "error") and d.find_elements(By.ID, "pin"),
              "the answer to wrong PIN %d" % (i + 1))
        if i == 3:
            tap.check("four wrong PINs: not locked yet",
                      "PIN 不对" in text("#error") and "锁定" not in text("#error"),
                      text("#error"))
    tap.check("the fifth wrong PIN locks the console", "已锁定" in text("#error"), text("#error"))
    submit_pin(PIN)
    tap.check("the right PIN is refused by the locked console",
              until(lambda d: d.find_elements(By.ID, "error"), "the answer")
              and "已锁定" in text("#error") and not drv.find_elements(By.ID, "today"),
              text("#error"))
    k = kiosk(["hold 40 40 3.5", "expect-screen staff-login"] + pin_taps(PIN)
              + ["expect-screen staff-login", 'expect-text "输错次数过多"'], "staff")
    tap.check("the kiosk's staff login refuses the right PIN as locked", k.returncode == 0,
              "exit %d: %s" % (k.returncode, k.stderr[-600:]))
    # Whatever the pages did, the browser refused nothing by the CSP and no
    # script failed (404s and the login's 401/429 are not the script's).
    bad = [e["message"] for e in drv.get_log("browser")
           if "Content Security Policy" in e["message"] or "Uncaught" in e["message"]]
    tap.check("no CSP refusal and no script error in the browser's console", not bad,
              "; ".join(bad)[:600])
    print("# browser test: %.1f s" % (time.monotonic() - t0))
except (WebDriverException, OSError, subprocess.SubprocessError) as e:
    import traceback
    for line in traceback.format_exc().splitlines():
        if not line.lstrip().startswith("#"):
            print("# " + line)
    tap.check("the browser test ran to its end", False, repr(e))
finally:
    if drv:
        browser.stop(drv, st.dir)
    proc = st.proc
    st.stop()
    if proc:
        # Under the sanitizers a leak or an error shows here (exit status, report).
        with open(os.path.join(st.dir, "console.log")) as f:
            log = f.read()
        tap.check("the console stopped cleanly", proc.returncode == 0
                  and "Sanitizer" not in log and "runtime error" not in log,
                  "exit %s: %s" % (proc.returncode, log[-800:]))
    st.cleanup()
tap.exit()
