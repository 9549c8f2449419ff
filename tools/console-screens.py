"""The screenshots of tools/console-screens.sh (which see)."""
import base64
import importlib.util
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "browser"))
spec = importlib.util.spec_from_file_location(
    "console_lib", os.path.join(ROOT, "tests", "lib", "console.py"))
lib = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lib)
import browser  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

out = sys.argv[1]
DAY = "2026-12-01"
ROSTER = "xingfu-zhucan-20261201-0900"
WIDTHS = (("desktop", 1440, 900), ("tablet-portrait", 800, 1280),
          ("tablet-landscape", 1280, 800))
EARLY = "2026-12-01 08:00"

st = lib.Station(now="2026-12-01 09:40")
# The roster: one booking in each status, one for a family member, one
# without a phone.
t = [st.ctl("book", "--session", ROSTER, *a, now=EARLY).stdout.strip() for a in (
    ("--phone", "13800000001", "--party", "2"),
    ("--phone", "13800000002", "--for", "母亲王秀英"),
    ("--phone", "13800000003"),
    ("--no-phone", "--for", "李建国"),
    ("--phone", "13800000005"))]
st.ctl("checkin", t[0])
st.ctl("no-show", t[2])
st.ctl("cancel", t[4], now=EARLY)
for sid, phone in (("kangyang-zixun-20261201-1000", "13900000011"),
                   ("dibao-zixun-20261201-1400", "13900000012"),
                   ("dibao-zixun-20261201-1400", "13900000013"),
                   ("kangyang-zixun-20261201-0900", "13900000014"),
                   ("dibao-zixun-20261202-0900", "13900000015")):
    st.ctl("book", "--session", sid, "--phone", phone, now=EARLY)
# Walk-in numbers for the counter page: a few on each line (one priority),
# the first of line A finished, the next called to counter 1.
for minute, line, extra in (("09:01", "zonghe", ()), ("09:03", "zonghe", ()),
                            ("09:05", "jiuzhu", ()), ("09:08", "zonghe", ("--priority",)),
                            ("09:10", "zonghe", ()), ("09:12", "yanglao", ()),
                            ("09:15", "zonghe", ()), ("09:20", "jiuzhu", ())):
    st.ctl("queue", "take", "--line", line, *extra, now=DAY + " " + minute)
for step in (("call",), ("serve",), ("finish",), ("call",)):
    st.ctl("queue", *step, "--counter", "1", "--staff", lib.STAFF, now=DAY + " 09:30")
# A resident's call to staff from the kiosk, for the calls page.
script = os.path.join(st.dir, "call.txt")
with open(script, "w") as f:
    f.write("tap start\ntap call-staff\nexpect-screen call\ntap call-close\n")
subprocess.run([os.path.join(lib.BUILD, "kiosk"), "--headless", "--data-dir",
                os.path.join(st.dir, "kiosk-data"), "--db", st.db, "--now", "2026-12-01 09:35",
                "--script", script], capture_output=True, timeout=120)

PAGES = [
    ("login", "/login"),
    ("today", "/"),
    # every status, and the notice an action leaves
    ("roster", "/session/%s?done=attended&t=%s" % (ROSTER, t[0])),
    ("bookings", "/bookings?from=%s&until=2026-12-02" % DAY),
    ("find", "/find"),
    ("calls", "/calls"),
    ("audit", "/audit"),
    ("counter", "/counter?counter=1&done=call&t=A002"),
    ("error", "/session/no-such-session"),
]


def small_png(raw, dest, colours):
    """The pages are flat colours and text: a palette keeps them small."""
    subprocess.run(["convert", raw, "-strip", "+dither", "-colors", str(colours),
                    "-quality", "95", "PNG8:" + dest], check=True)
    print("%s %d bytes" % (dest, os.path.getsize(dest)))


def shot(drv, name, width, height):
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    metrics["height"] = drv.execute_script(
        "return Math.max(document.documentElement.scrollHeight, %d)" % height)
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    png = drv.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    raw = os.path.join(st.dir, "shot.png")
    with open(raw, "wb") as f:
        f.write(base64.b64decode(png))
    small_png(raw, os.path.join(out, name + ".png"), 24)


def main():
    url = st.start_console()
    drv = browser.start(st.dir, cert_pem=os.path.join(st.tls_dir, "cert.pem"))
    try:
        for name, path in PAGES:
            if name != "login" and not drv.find_elements(By.ID, "staff-name"):
                drv.get(url + "/login")
                drv.find_element(By.ID, "pin").send_keys(lib.PIN)
                drv.find_element(By.ID, "login").click()
                WebDriverWait(drv, 30).until(lambda d: d.find_elements(By.ID, "staff-name"))
            drv.get(url + path)
            WebDriverWait(drv, 30).until(
                lambda d: d.execute_script("return document.readyState") == "complete")
            for wname, w, h in WIDTHS:
                shot(drv, "%s-%s" % (name, wname), w, h)
        # The day's roster on paper (A4), its first page.
        drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        drv.get(url + "/session/" + ROSTER)
        pdf = drv.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                      "printBackground": False})["data"]
        pdf_path = os.path.join(st.dir, "roster.pdf")
        with open(pdf_path, "wb") as f:
            f.write(base64.b64decode(pdf))
        raw = os.path.join(st.dir, "print.png")
        subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray",
                        "-r96", "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", "-dFirstPage=1",
                        "-dLastPage=1", "-sOutputFile=" + raw, pdf_path], check=True)
        small_png(raw, os.path.join(out, "roster-print.png"), 16)
    finally:
        browser.stop(drv, st.dir)
        st.cleanup()


main()
