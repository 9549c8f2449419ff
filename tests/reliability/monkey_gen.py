#!/usr/bin/env python3
"""Writes a monkey script for `kiosk --script`: a seeded random stream of
taps (on widgets and anywhere), drags, long presses, waits (short, past the
idle timeout, past midnight), typed digits and scans (genuine tickets,
forged ones, garbage), with `screen` after every event (so the test knows
which bookings the screen confirmed) and `rss` at every 1% of the stream.

usage: monkey_gen.py SEED EVENTS WIDTH HEIGHT PAYLOADS_FILE > script.txt
"""
import random
import sys

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
# Widgets a resident goes for (tap-if: tapped only when on screen), so that
# the stream also gets deep into the booking flow.
AIMS = ["start", "book", "next", "confirm", "done", "home", "back", "lookup",
        "party-inc", "category:yanglao", "service:kangyang-zixun", "keep"]


def main():
    seed, events, w, h = (int(a) for a in sys.argv[1:5])
    with open(sys.argv[5]) as f:
        payloads = [line.strip() for line in f if line.strip()]
    r = random.Random(seed)
    out = sys.stdout
    every = max(1, events // 100)
    out.write("# monkey seed %d, %d events\nrss\n" % (seed, events))
    pending = []
    for i in range(events):
        p = r.random()
        if not pending and p < 0.03:
            # A resident's go at booking, from wherever the monkey left the
            # screen: most bursts stray somewhere, some end on a ticket.
            pending = ["tap-if start", "tap-if category:yanglao", "tap-if service:kangyang-zixun",
                       "tap-if book", "tap-nth %d" % r.randrange(1000),
                       "type 1%d%09d" % (r.randrange(3, 10), r.randrange(10**9)), "tap-if next",
                       "tap-if party-inc", "tap-if confirm"]
        if pending:
            out.write(pending.pop(0) + "\n")
        elif p < 0.35:
            out.write("tap-nth %d\n" % r.randrange(1000))
        elif p < 0.45:
            out.write("tap-if %s\n" % r.choice(AIMS))
        elif p < 0.55:
            out.write("tap-at %d %d\n" % (r.randrange(-20, w + 20), r.randrange(-20, h + 20)))
        elif p < 0.62:
            out.write("drag %d %d %d %d\n" % (r.randrange(w), r.randrange(h), r.randrange(w), r.randrange(h)))
        elif p < 0.64:
            # Long presses, some in the staff corner of the attract screen.
            x, y = (r.randrange(w // 8), r.randrange(h // 8)) if r.random() < 0.5 else (r.randrange(w), r.randrange(h))
            out.write("hold %d %d %.1f\n" % (x, y, r.uniform(0.2, 4.0)))
        elif p < 0.77:
            q = r.random()
            if q < 0.4:
                out.write("type 1%d%09d\n" % (r.randrange(3, 10), r.randrange(10**9)))
            elif q < 0.7:
                out.write("type 13812345678\n")
            else:
                out.write("type %s\n" % "".join(r.choice("0123456789") for _ in range(r.randrange(1, 14))))
        elif p < 0.95:
            q = r.random()
            if q < 0.93:
                s = r.uniform(0.05, 8)
            elif q < 0.99:
                s = r.uniform(55, 200)  # through the idle warning and reset
            else:
                s = r.uniform(3600, 86400)  # hours, past midnight: housekeeping
            out.write("wait %.2f\n" % s)
        else:
            q = r.random()
            if q < 0.35 and payloads:
                out.write("scan %s\n" % r.choice(payloads))
            elif q < 0.65 and payloads:
                t = list(r.choice(payloads))
                k = r.randrange(4, len(t))
                t[k] = r.choice([c for c in ALPHABET + ":" if c != t[k]])
                out.write("scan %s\n" % "".join(t))
            elif q < 0.8:
                out.write("scan KQ1:%s\n" % "".join(r.choice(ALPHABET + ":-") for _ in range(r.randrange(0, 40))))
            else:
                g = "".join(chr(r.randrange(32, 127)) for _ in range(r.randrange(1, 60)))
                out.write('scan "%s"\n' % g.replace("\\", "\\\\").replace('"', '\\"'))
        out.write("screen\n")
        if (i + 1) % every == 0:
            out.write("rss\n")


if __name__ == "__main__":
    main()
