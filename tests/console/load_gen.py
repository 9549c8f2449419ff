"""A load generator for the console (tools/bench.sh, tests/console/load.sh):
N connections at once from loopback, each a request after another: the login
page, today's page and a session's roster with a staff session, and the
event stream (read to its greeting). Logs in first with PIN.

    load_gen.py URL CAFILE PIN N [ROUNDS]

URL is the console's printed https://127.0.0.1:PORT/s/<station>. Each of
the N tasks makes ROUNDS requests (default: until stdin closes). Prints
"started" once all N have sent their first request, and at the end one line
"requests R ok O refused F other X" (refused: the connection closed or reset
before an answer, as the console does past its connection limits). Exit 1
when the login fails or any answer is a 5xx."""
import asyncio
import re
import resource
import ssl
import sys
import urllib.parse

url, cafile, pin, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 0
# 1,000 connections need more descriptors than a default soft limit of 1,024
# leaves; a connection that cannot be opened here must not count as one the
# console refused.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft != resource.RLIM_INFINITY and soft < n + 64:
    if hard != resource.RLIM_INFINITY and hard < n + 64:
        raise SystemExit("load_gen: %d connections need %d descriptors, the limit is %d"
                         % (n, n + 64, hard))
    resource.setrlimit(resource.RLIMIT_NOFILE, (n + 64, hard))
u = urllib.parse.urlsplit(url)
host, port, prefix = u.hostname, u.port, u.path.rstrip("/")
ctx = ssl.create_default_context(cafile=cafile)
counts = {"ok": 0, "refused": 0, "other": 0, "5xx": 0}


async def request(method, path, cookie=None, body=None, until=None):
    """(status, headers text, body) of one request on a new connection."""
    reader, writer = await asyncio.open_connection(host, port, ssl=ctx,
                                                   server_hostname=host)
    try:
        head = "%s %s%s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n" % (
            method, prefix, path, host, port)
        if cookie:
            head += "Cookie: %s\r\n" % cookie
        if body is not None:
            head += ("Content-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: %d\r\n" % len(body))
        writer.write((head + "\r\n" + (body or "")).encode())
        await writer.drain()
        data = b""
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            data += chunk
            if until and until in data:
                break
    finally:
        writer.close()
    text = data.decode("utf-8", "replace")
    head, _, rest = text.partition("\r\n\r\n")
    m = re.match(r"HTTP/1\.1 (\d{3})", head)
    return (int(m.group(1)) if m else 0), head, rest


async def login():
    _, head, body = await request("GET", "/login")
    cookie = re.search(r"kc_session=([^;]+)", head).group(1)
    csrf = re.search(r'name="csrf" value="([^"]*)"', body).group(1)
    status, head, _ = await request("POST", "/login", "kc_session=" + cookie,
                                    urllib.parse.urlencode({"pin": pin, "csrf": csrf}))
    m = re.search(r"kc_session=([^;]+)", head)
    if status != 303 or not m:
        raise SystemExit("load_gen: login failed (%d)" % status)
    return "kc_session=" + m.group(1)


async def main():
    cookie = await login()
    status, _, body = await request("GET", "/", cookie)
    m = re.search(r'href="[^"]*/session/([^"]+)"', body)
    roster = "/session/" + m.group(1) if m else "/"
    targets = [("/login", None, None), ("/", cookie, None), (roster, cookie, None),
               ("/events", cookie, b"event: hello")]
    stop = asyncio.Event()
    first = [0]
    all_started = asyncio.Event()

    async def task(i):
        k = 0
        while not stop.is_set() and (not rounds or k < rounds):
            path, c, until = targets[(i + k) % len(targets)]
            k += 1
            try:
                fut = request("GET", path, c, until=until)
                if k == 1:
                    first[0] += 1
                    if first[0] == n:
                        all_started.set()
                status, _, _ = await asyncio.wait_for(fut, 60)
                if 500 <= status:
                    counts["5xx"] += 1
                elif status:
                    counts["ok"] += 1
                else:
                    counts["refused"] += 1
            except (ConnectionError, ssl.SSLError, OSError, asyncio.IncompleteReadError):
                counts["refused"] += 1
            except asyncio.TimeoutError:
                counts["other"] += 1

    tasks = [asyncio.create_task(task(i)) for i in range(n)]
    await all_started.wait()
    print("started", flush=True)
    if not rounds:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)
        stop.set()
    await asyncio.gather(*tasks)
    total = sum(counts.values())
    print("requests %d ok %d refused %d other %d 5xx %d" % (
        total, counts["ok"], counts["refused"], counts["other"], counts["5xx"]), flush=True)
    return 1 if counts["5xx"] else 0


sys.exit(asyncio.run(main()))
