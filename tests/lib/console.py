"""Shared by the console's tests (tests/console/, tests/browser/): a station
in a temporary directory (a store with the demo catalog and a staff member,
made with the real kioskctl), the real kiosk-console started on a free port
of 127.0.0.1, and an HTTPS client that verifies the console's own
certificate (the file the console made at its first start) and keeps the
session cookie.

    st = Station(now="2026-12-01 08:30")
    url = st.start_console()
    cl = st.client()
    cl.login("246810")
    status, headers, body = cl.get("/")
    st.stop()

Every wait is for a line or a file, with a generous upper bound; never a
fixed sleep."""
import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
CATALOG = os.path.join(ROOT, "assets", "catalog", "demo.ini")
PIN = "246810"
STAFF = "王芳"


class Failure(Exception):
    pass


class Station:
    def __init__(self, now="2026-12-01 08:30", staff=((STAFF, PIN),)):
        self.dir = tempfile.mkdtemp(prefix="console-test.")
        self.db = os.path.join(self.dir, "kiosk.db")
        self.tls_dir = os.path.join(self.dir, "tls")
        self.now = now
        self.proc = None
        self.url = None
        self.prefix = None
        self.port = None
        self.ctl("import-catalog", CATALOG)
        for name, pin in staff:
            self.ctl("staff", "add", name, stdin=pin + "\n")

    # -- kioskctl -------------------------------------------------------------
    def ctl(self, *args, stdin=None, check=True, now=None):
        cmd = [os.path.join(BUILD, "kioskctl"), "--db", self.db, "--now", now or self.now]
        cmd += list(args)
        p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            raise Failure("kioskctl %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
        return p

    def sessions(self, date):
        """Session ids of date, in start order."""
        out = self.ctl("sessions", "--date", date, "--format", "csv").stdout
        return [line.split(",")[0] for line in out.splitlines()[1:] if line]

    def book(self, session, phone, *extra):
        return self.ctl("book", "--session", session, "--phone", phone, *extra).stdout.strip()

    # -- the console ------------------------------------------------------------
    def start_console(self, *extra, plain=False, wait=60):
        cmd = [os.path.join(BUILD, "kiosk-console"), "--db", self.db, "--tls-dir",
               self.tls_dir, "--listen", "127.0.0.1", "--port", "0"]
        if self.now:
            cmd += ["--now", self.now]
        if plain:
            cmd.append("--plain")
        cmd += list(extra)
        self.log = open(os.path.join(self.dir, "console.log"), "w+")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log, text=True)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"listening on (https?)://127\.0\.0\.1:(\d+)(/s/[^/]+)/", line)
            if m:
                self.scheme, self.port, self.prefix = m.group(1), int(m.group(2)), m.group(3)
                self.url = "%s://127.0.0.1:%d%s" % (self.scheme, self.port, self.prefix)
                return self.url
        self.log.seek(0)
        raise Failure("kiosk-console did not start: " + self.log.read())

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stdout.close()
            self.log.close()
        self.proc = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def client(self):
        return Client(self)


class Client:
    """One browser's worth of state: the cookie, the last CSRF token seen."""

    def __init__(self, station):
        self.st = station
        self.cookie = None
        self.csrf = None

    def connection(self):
        if self.st.scheme == "https":
            ctx = ssl.create_default_context(cafile=os.path.join(self.st.tls_dir, "cert.pem"))
            return http.client.HTTPSConnection("127.0.0.1", self.st.port, context=ctx, timeout=60)
        return http.client.HTTPConnection("127.0.0.1", self.st.port, timeout=60)

    def request(self, method, path, body=None, headers=None, raw_path=False):
        """path: under the station's prefix unless raw_path. Returns (status,
        headers as a dict of lower-case names, body text)."""
        target = path if raw_path else self.st.prefix + path
        h = dict(headers or {})
        if self.cookie and "Cookie" not in h:
            h["Cookie"] = self.cookie
        if body is not None and "Content-Type" not in h:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        c = self.connection()
        try:
            c.request(method, target, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            hdrs = {}
            for k, v in r.getheaders():
                k = k.lower()
                hdrs[k] = hdrs[k] + "\n" + v if k in hdrs else v
        finally:
            c.close()
        sc = hdrs.get("set-cookie")
        if sc:
            m = re.match(r"kc_session=([^;]*)", sc)
            if m:
                self.cookie = "kc_session=" + m.group(1) if m.group(1) else None
        text = data.decode("utf-8", "replace")
        m = re.search(r'name="csrf" value="([^"]*)"', text)
        if m:
            self.csrf = m.group(1)
        return r.status, hdrs, text

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields=None, csrf=True, **kw):
        f = dict(fields or {})
        if csrf is True and self.csrf:
            f["csrf"] = self.csrf
        elif isinstance(csrf, str):
            f["csrf"] = csrf
        return self.request("POST", path, body=urllib.parse.urlencode(f), **kw)

    def login(self, pin=PIN):
        self.get("/login")
        status, hdrs, body = self.post("/login", {"pin": pin})
        return status, hdrs, body


class Tap:
    """ok / not ok lines for tests/run.sh."""

    def __init__(self):
        self.failed = 0

    def check(self, name, cond, detail=""):
        if cond:
            print("ok - " + name)
        else:
            self.failed += 1
            print("not ok - " + name + (": " + detail if detail else ""))
        return cond

    def exit(self):
        raise SystemExit(1 if self.failed else 0)
