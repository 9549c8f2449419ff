#!/usr/bin/env python3
"""A centre that stops answering, for tests/fleet/deadline.sh.

    stall-proxy.py PORTFILE mute
        accepts connections, reads what the client says and never answers
        (a centre frozen before the handshake: the SSL request or the
        startup packet gets no reply)
    stall-proxy.py PORTFILE ssl-mute
        answers 'S' to the client's SSL request, then never says anything
        more (a TLS handshake that stalls after it began)
    stall-proxy.py PORTFILE drop|deaf UPSTREAM_PORT PATTERN N
        forwards to the PostgreSQL server on 127.0.0.1:UPSTREAM_PORT until
        the client's Nth chunk holding PATTERN (bytes, e.g. "COMMIT"), then
          drop: that chunk and everything after it, both ways, go nowhere
                (a black hole: the server never hears the statement)
          deaf: that chunk and the client's later bytes reach the server,
                but nothing of the server's reaches the client any more
                (the statement runs; its answer is lost)
        Neither passes a close on after that: the server's session stays
        open, as it does when a network path dies silently.

It listens on 127.0.0.1 on a free port, writes the port to PORTFILE
(complete, by rename) and prints one line for each thing that happened
("accepted", "heard N bytes", "stalled after PATTERN"), flushed, so that
a test waits for a line instead of a time. SIGTERM ends it (closing
every socket).
"""
import os
import selectors
import signal
import socket
import sys


def say(line):
    print(line, flush=True)


def main():
    portfile, mode = sys.argv[1], sys.argv[2]
    upstream = pattern = None
    count = 0
    if mode in ("drop", "deaf"):
        upstream = int(sys.argv[3])
        pattern = sys.argv[4].encode()
        count = int(sys.argv[5])
    elif mode not in ("mute", "ssl-mute"):
        sys.exit("stall-proxy.py: unknown mode " + mode)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(8)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % lsock.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)

    sel = selectors.DefaultSelector()
    sel.register(lsock, selectors.EVENT_READ, ("listen", None))
    seen = 0          # chunks holding the pattern so far
    stalled = False
    tails = {}        # client socket -> the last bytes, for a pattern across chunks
    keep = []         # sockets kept open after the stall

    while True:
        for key, _ in sel.select():
            role, peer = key.data
            sock = key.fileobj
            if role == "listen":
                c, _ = sock.accept()
                say("accepted")
                if upstream is None:
                    sel.register(c, selectors.EVENT_READ, ("mute", None))
                    continue
                u = socket.create_connection(("127.0.0.1", upstream))
                sel.register(c, selectors.EVENT_READ, ("client", u))
                sel.register(u, selectors.EVENT_READ, ("server", c))
                tails[c] = b""
                continue
            data = sock.recv(65536)
            if role == "mute":
                if not data:
                    sel.unregister(sock)
                    keep.append(sock)
                    continue
                say("heard %d bytes" % len(data))
                if mode == "ssl-mute" and data[4:8] == b"\x04\xd2\x16\x2f":
                    sock.sendall(b"S")
                    say("answered the SSL request")
                continue
            if not data:
                # A close: passed on before the stall, kept quiet after it.
                sel.unregister(sock)
                if stalled:
                    keep.append(sock)
                else:
                    sel.unregister(peer)
                    peer.close()
                    sock.close()
                continue
            if role == "client":
                if not stalled:
                    window = tails[sock] + data
                    tails[sock] = window[-len(pattern):]
                    if pattern in window:
                        seen += 1
                        if seen == count:
                            stalled = True
                            say("stalled after %s (%s)" % (pattern.decode(), mode))
                if stalled and mode == "drop":
                    continue
                peer.sendall(data)
            else:
                if not stalled:
                    peer.sendall(data)


if __name__ == "__main__":
    main()
