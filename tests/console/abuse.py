"""The console under bad input and abuse (issue 18): malformed requests,
oversized bodies, a slow client, a flood, paths outside the app, pages and
actions without a session, forms without their CSRF token, the cookie's
flags, TLS by default, the security headers on every answer, idle expiry,
session fixation, and a stop with an event stream open. One console for the
file (a second, with a two-second idle expiry, for that check); every wait
is for a close, a line or an exit, with an upper bound."""
import http.client
import os
import re
import socket
import ssl
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from console import BUILD, PIN, Station, Tap  # noqa: E402

TIMEOUT = 6  # the console's --timeout: a silent connection is closed after it

tap = Tap()
st = Station()
st2 = Station()
start = time.monotonic()
try:
    st.start_console("--timeout", str(TIMEOUT))
    st2.start_console("--idle-seconds", "2")
    P = st.prefix
    HOST = "127.0.0.1:%d" % st.port
    CTX = ssl.create_default_context(cafile=os.path.join(st.tls_dir, "cert.pem"))
    answers = []  # (what, headers) of every answer seen, for the headers' check

    def tls(ctx=CTX, timeout=30):
        s = socket.create_connection(("127.0.0.1", st.port), timeout=timeout)
        return ctx.wrap_socket(s, server_hostname="127.0.0.1")

    def read_to_close(s, bound=30):
        """Everything the server sends until it closes (b"" ends it; a reset
        counts as a close), within bound seconds; None if still open then."""
        data = b""
        deadline = time.monotonic() + bound
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            s.settimeout(left)
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return None
            except (ConnectionError, ssl.SSLError, OSError):
                return data
            if not chunk:
                return data
            data += chunk

    def parse(raw):
        """(status, headers) of a raw answer; (None, {}) for none."""
        if not raw:
            return None, {}
        head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        lines = head.split("\r\n")
        m = re.match(r"HTTP/1\.[01] (\d{3})", lines[0])
        hdrs = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            hdrs[k.strip().lower()] = v.strip()
        return (int(m.group(1)) if m else None), hdrs

    def raw(data, bound=10, what=None):
        s = tls()
        try:
            s.sendall(data)
            got = read_to_close(s, bound)
        finally:
            s.close()
        status, hdrs = parse(got)
        if what and status:
            answers.append((what, hdrs))
        return status, hdrs, got

    def req(cl, method, path, what=None, **kw):
        status, hdrs, body = cl.request(method, path, **kw)
        if what:
            answers.append((what, hdrs))
        return status, hdrs, body

    # -- a slow client: half a request, then nothing (closed at the end) ------
    slow = tls()
    slow.sendall(("GET %s/login HTTP/1.1\r\nHost: %s\r\n" % (P, HOST)).encode())
    slow_since = time.monotonic()

    staff = st.client()
    staff.login()
    t = time.monotonic()
    status, _, _ = req(staff, "GET", "/", "page")
    served_in = time.monotonic() - t
    tap.check("another client is served while a slow one stalls (%.2f s)" % served_in,
              status == 200 and served_in < 5, "status %s" % status)

    # -- malformed requests ----------------------------------------------------
    plainsock = socket.create_connection(("127.0.0.1", st.port), timeout=30)
    plainsock.sendall(os.urandom(512))
    got = read_to_close(plainsock, 10)
    plainsock.close()
    tap.check("garbage bytes instead of TLS: the connection is closed, nothing answered",
              got is not None and not got.startswith(b"HTTP/"), repr(got)[:80])
    status, _, got = raw(bytes(range(1, 256)) + b"\r\n\r\n")
    tap.check("garbage bytes inside TLS: 400 or closed, never answered as a request",
              got is not None and status in (None, 400), "status %s" % status)
    status, _, got = raw(b"GET\r\n\r\n")
    tap.check("a bad request line: 400 or closed", got is not None and status in (None, 400),
              "status %s" % status)
    status, _, _ = raw(("GET %s/login HTTP/1.1\r\nHost: %s\r\nX-Long: %s\r\n\r\n"
                        % (P, HOST, "a" * 40000)).encode())
    tap.check("a header too long: 431", status == 431, "status %s" % status)
    status, _, body = req(staff, "POST", "/login", "400 body", body='{"pin": "246810"}',
                          headers={"Content-Type": "application/json"})
    tap.check("a body that is not a form: 400", status == 400, "status %s" % status)
    status, _, _ = req(staff, "POST", "/logout", body="csrf=%s&csrf=%s" % (staff.csrf, staff.csrf))
    tap.check("a form field given twice: 400", status == 400, "status %s" % status)
    status, _, _ = req(staff, "GET", "/bookings?from=2026-12-01&from=2026-12-02")
    tap.check("a query argument given twice: 400", status == 400, "status %s" % status)
    status, _, body = req(staff, "GET", "/?done=attended&t=%ff%fe")
    tap.check("a query value that is not UTF-8: 400, not echoed into the page",
              status == 400, "status %s" % status)
    status, _, _ = req(staff, "POST", "/logout", body="csrf=%s&x=%%c0%%af" % staff.csrf)
    tap.check("a form value that is not UTF-8 (overlong '/'): 400", status == 400,
              "status %s" % status)
    status, _, _ = req(staff, "GET", "/")
    tap.check("the session survived the malformed requests", status == 200, "status %s" % status)

    # -- oversized bodies --------------------------------------------------------
    s = tls()
    s.sendall(("POST %s/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-"
               "urlencoded\r\nContent-Length: 10485760\r\n\r\n" % (P, HOST)).encode())
    status, hdrs = parse(read_to_close(s, TIMEOUT / 2))
    s.close()
    answers.append(("413", hdrs))
    tap.check("Content-Length 10 MB: 413 before a byte of the body is sent", status == 413,
              "status %s" % status)
    s = tls()
    s.sendall(("POST %s/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-"
               "urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n4000\r\n%s\r\n"
               % (P, HOST, "a" * 0x4000)).encode())
    got = read_to_close(s, TIMEOUT / 2)
    s.close()
    tap.check("a chunked body past 8 KiB, then a stall: refused at once, not read on "
              "until the timeout", got is not None and parse(got)[0] in (None, 413),
              "still open after %.1f s" % (TIMEOUT / 2))

    # -- paths outside the app ---------------------------------------------------
    nobody = st.client()
    outside = ["/../etc/passwd", P + "/../../etc/passwd", P + "/%2e%2e/%2e%2e/etc/passwd",
               P + "/static/../login", P + "//login", "/s/other-station/", "/s/other-station/login",
               P + "x/login", "https://127.0.0.1:%d/s/other-station/" % st.port,
               "http://evil.example/etc/passwd"]
    bad = []
    for who, cl in (("without a session", nobody), ("with a session", staff)):
        for path in outside:
            status, hdrs, _ = cl.request("GET", path, raw_path=True)
            answers.append(("404", hdrs))
            if status != 404:
                bad.append("%s %s: %s" % (who, path, status))
    tap.check("paths outside the app (dot segments, %2e, another station's, absolute URLs) "
              "are 404, with or without a session", not bad, "; ".join(bad))

    # -- no page or action without a session --------------------------------------
    bad = []
    for method, path, want in (("GET", "/", 303), ("HEAD", "/", 303), ("GET", "/session/x", 303),
                               ("GET", "/bookings", 303), ("GET", "/export.csv", 303),
                               ("POST", "/booking/AAAA/attended", 403), ("POST", "/logout", 403),
                               ("GET", "/events", 403)):
        status, hdrs, body = req(nobody, method, path, "%d %s" % (want, path),
                                 body="csrf=x" if method == "POST" else None)
        if status != want or (want == 303 and not hdrs.get("location", "").endswith(P + "/login")):
            bad.append("%s %s: %s %s" % (method, path, status, hdrs.get("location", "")))
    tap.check("no page or action without a session (pages 303 to login, POSTs and /events 403)",
              not bad, "; ".join(bad))

    # -- CSRF ------------------------------------------------------------------
    session = st.sessions("2026-12-01")[0]
    ticket = st.book(session, "13800138000")

    def snapshot():
        return (st.ctl("bookings", "--date", "2026-12-01", "--format", "csv").stdout,
                st.ctl("audit", "--format", "csv").stdout)

    before = snapshot()
    action = "/booking/%s/attended" % ticket
    refusals = [req(staff, "POST", action, "403 csrf", body="")[0],
                staff.post(action, csrf=False)[0],
                staff.post(action, csrf="A" * 43)[0],
                staff.post(action, headers={"Origin": "https://evil.example"})[0],
                staff.post(action, headers={"Origin": "null"})[0]]
    tap.check("an action without its CSRF token, with a wrong one, or from another Origin: "
              "403 each", refusals == [403] * 5, str(refusals))
    tap.check("... and nothing changed in the store (bookings, audit)", snapshot() == before)
    status, _, _ = staff.post(action, headers={"Origin": "https://" + HOST})
    rows = st.ctl("bookings", "--date", "2026-12-01", "--format", "csv").stdout
    tap.check("the same action with its token and this Origin is done",
              status == 303 and ticket + "," in rows and ",checked_in," in rows,
              "status %s" % status)
    forger = st.client()
    forger.get("/login")
    status, _, _ = forger.post("/login", {"pin": PIN}, csrf=False)
    status2, _, _ = forger.get("/")
    tap.check("a login without the form's CSRF token is refused (403) and logs nobody in",
              status == 403 and status2 == 303, "login %s, then / %s" % (status, status2))

    # -- cookies and fixation ------------------------------------------------------
    visitor = st.client()
    _, hdrs, _ = req(visitor, "GET", "/login", "login page")
    before_login = visitor.cookie
    flags = [f.strip() for f in hdrs.get("set-cookie", "").split(";")]
    want = ["HttpOnly", "Secure", "SameSite=Strict", "Path=%s/" % P]
    tap.check("the session cookie carries HttpOnly; Secure; SameSite=Strict; Path=%s/" % P,
              all(w in flags for w in want), hdrs.get("set-cookie", "none"))
    status, hdrs, _ = req(visitor, "POST", "/login", "303 login",
                          body="pin=%s&csrf=%s" % (PIN, visitor.csrf))
    flags = [f.strip() for f in hdrs.get("set-cookie", "").split(";")]
    tap.check("... and the cookie set at login too", status == 303 and all(w in flags for w in want),
              hdrs.get("set-cookie", "none"))
    fixed = st.client()
    fixed.cookie = before_login
    status, hdrs, _ = fixed.get("/")
    status2, _, _ = visitor.get("/")
    tap.check("a session id from before the login is worthless after it (fixation)",
              visitor.cookie != before_login and status == 303 and status2 == 200,
              "old id: %s, new id: %s" % (status, status2))

    # -- HEAD, static, errors: the security headers on every answer ----------------------
    status, hdrs, body = req(staff, "HEAD", "/", "HEAD page")
    tap.check("HEAD of a page: 200, headers, no body", status == 200 and body == "" and
              hdrs.get("content-type", "").startswith("text/html"), "status %s" % status)
    req(staff, "GET", "/static/console.css", "static css")
    req(staff, "GET", "/static/console.js", "static js")
    req(staff, "GET", "/export.csv", "csv")
    req(staff, "GET", "/no-such-page", "404 page")
    req(staff, "PUT", "/", "405", body="")
    req(staff, "GET", "/bookings?from=2026-13-45", "400 page")
    req(nobody, "GET", "/", "redirect", raw_path=True)
    missing = []
    for what, h in answers:
        csp = h.get("content-security-policy", "")
        ok = ("frame-ancestors 'none'" in csp and "script-src 'self'" in csp and
              "default-src 'none'" in csp and "unsafe-inline" not in csp and
              h.get("x-frame-options") == "DENY" and h.get("x-content-type-options") == "nosniff"
              and h.get("referrer-policy") in ("no-referrer", "same-origin") and
              h.get("strict-transport-security", "").startswith("max-age=") and
              h.get("cache-control"))
        if not ok:
            missing.append(what)
    kinds = sorted(set(w for w, _ in answers))
    tap.check("the security headers (CSP with frame-ancestors 'none' and no inline script, "
              "X-Frame-Options, nosniff, Referrer-Policy, HSTS, Cache-Control) on all %d answers "
              "seen (%d kinds: pages, errors, redirects, static, HEAD, CSV)"
              % (len(answers), len(kinds)), not missing and len(kinds) >= 15,
              "missing on: " + ", ".join(sorted(set(missing))) + " kinds: " + ", ".join(kinds))

    # -- TLS by default --------------------------------------------------------------
    c = http.client.HTTPConnection("127.0.0.1", st.port, timeout=10)
    try:
        c.request("GET", P + "/login")
        plain_status = c.getresponse().status
    except (http.client.HTTPException, ConnectionError, OSError):
        plain_status = None
    finally:
        c.close()
    tap.check("a plain HTTP request to the TLS port gets no page", plain_status in (None, 400),
              "status %s" % plain_status)
    weak = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    weak.load_verify_locations(os.path.join(st.tls_dir, "cert.pem"))
    weak.maximum_version = ssl.TLSVersion.TLSv1_2
    weak.set_ciphers("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA")
    try:
        tls(weak).close()
        cbc = "accepted"
    except (ssl.SSLError, ConnectionError, OSError):
        cbc = "refused"
    tap.check("TLS 1.2 with a CBC cipher (SHA-1 MAC) is refused", cbc == "refused", cbc)
    p = subprocess.run([os.path.join(BUILD, "kiosk-console"), "--db", st.db, "--tls-dir",
                        st.tls_dir, "--plain", "--listen", "0.0.0.0", "--port", "0"],
                       capture_output=True, text=True, timeout=30)
    tap.check("--plain refused unless --listen 127.0.0.1 (exit 2, says why)",
              p.returncode == 2 and "127.0.0.1" in p.stderr, "exit %d" % p.returncode)

    # -- idle expiry: the page's own refreshes do not keep a session alive ---------------
    idle = st2.client()
    t = time.monotonic()
    idle.login()
    status, _, _ = idle.get("/")
    script = {"Sec-Fetch-Dest": "empty", "Sec-Fetch-Mode": "cors"}
    while time.monotonic() - t < 30:
        status2, hdrs, _ = idle.get("/", headers=script)
        if status2 != 200:
            break
    waited = time.monotonic() - t
    tap.check("an idle session ends (--idle-seconds 2) even with its page re-fetching itself: "
              "redirected to login after %.1f s" % waited,
              status == 200 and status2 == 303 and hdrs.get("location", "").endswith("/login")
              and 1 <= waited < 30, "first %s, last %s" % (status, status2))

    # -- PIN guessing: the store's throttle, shared with the kiosk ----------------------
    guesser = st2.client()
    tries = [guesser.login("000000")[0] for _ in range(5)]
    right = guesser.login()[0]
    audit = st2.ctl("audit", "--format", "csv").stdout
    tap.check("five wrong PINs lock the console: the right PIN is then refused (429) (%s)"
              % tries, tries[:4] == [401] * 4 and right == 429 and
              audit.count("login_failed") >= 5 and "console" in audit,
              "right PIN: %s; audit: %s" % (right, audit[-300:]))

    # -- a flood: more connections than the console takes, from one address ---------------
    held = []
    for _ in range(200):
        held.append(socket.create_connection(("127.0.0.1", st.port), timeout=30))
    closed = 0
    for s in held:
        s.settimeout(0.05 if closed < 100 else 2)
        try:
            if s.recv(1) == b"":
                closed += 1
        except socket.timeout:
            pass
        except (ConnectionError, OSError):
            closed += 1
    for s in held:
        s.close()
    results = []

    def hit(i):
        try:
            c = http.client.HTTPSConnection("127.0.0.1", st.port, context=CTX, timeout=30)
            c.request("GET", P + ("/static/console.css" if i % 2 else "/login"))
            results.append(c.getresponse().status)
            c.close()
        except (ConnectionError, ssl.SSLError, OSError, http.client.HTTPException):
            results.append("refused")

    threads = [threading.Thread(target=hit, args=(i,)) for i in range(300)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    outcomes = sorted(set(map(str, results)))
    tap.check("a flood of 200 idle connections: those past the per-address limit (48) are "
              "closed at once (%d)" % closed, closed >= 200 - 48, "closed %d" % closed)
    tap.check("300 requests at once: each served (200) or refused cleanly (%s)"
              % ", ".join("%s x%d" % (o, list(map(str, results)).count(o)) for o in outcomes),
              len(results) == 300 and set(outcomes) <= {"200", "refused"} and "200" in outcomes,
              str(outcomes))
    st.log.seek(0)
    lines = st.log.read().splitlines()
    tap.check("... and the flood does not flood the log (%d lines)" % len(lines), len(lines) <= 40,
              "; ".join(lines[:3]))
    status, _, _ = staff.get("/")
    tap.check("after the flood the console answers (today's page for the same session)",
              status == 200 and st.proc.poll() is None, "status %s" % status)

    # -- the slow client, closed by the timeout ------------------------------------------
    got = read_to_close(slow, 30)
    slow_for = time.monotonic() - slow_since
    slow.close()
    tap.check("the slow client's half request is closed by the server's timeout (%d s) "
              "after %.1f s" % (TIMEOUT, slow_for),
              got is not None and slow_for >= TIMEOUT - 1,
              "still open after 30 s more" if got is None else "closed after %.1f s" % slow_for)

    # -- a stop with an event stream open ----------------------------------------------------
    s = tls()
    s.sendall(("GET %s/events HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\n\r\n"
               % (P, HOST, staff.cookie)).encode())
    s.settimeout(30)
    got = b""
    while b"event: hello" not in got:
        chunk = s.recv(4096)
        if not chunk:
            break
        got += chunk
    t = time.monotonic()
    st.proc.terminate()
    try:
        rc = st.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        rc = "still running"
    stopped = time.monotonic() - t
    end = read_to_close(s, 5)
    s.close()
    tap.check("SIGTERM with an event stream open: exits 0 within 2 s (%.2f s), the stream ends"
              % stopped, b"event: hello" in got and rc == 0 and stopped < 2 and end is not None,
              "exit %s after %.2f s" % (rc, stopped))
finally:
    st.cleanup()
    st2.cleanup()
print("# abuse.py: %.1f s" % (time.monotonic() - start))
tap.exit()
