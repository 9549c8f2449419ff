#!/usr/bin/env python3
"""Decode an ESC/POS raster print job back into an image.

Written from the Epson ESC/POS command reference, not from firmware/ticket/
escpos.c, so that a test comparing the two catches a mistake in either.

    escpos_decode.py JOBFILE OUT.pbm [--job N]

JOBFILE may hold several jobs appended one after the other (a printer file
that received several tickets). A job starts at ESC @ (or at the start of
the file) and runs to the next ESC @; parts without any raster image (for
example status requests before the first ESC @) are not jobs. OUT.pbm gets
ONE image, binary PBM (P4, 1 = black): the LAST job by default, or job N
(1-based) with --job. stdout gets one line per job:
"job N: WIDTHxHEIGHT dots, B bands, cut: partial|full|none".

Understood: ESC @; GS v 0 m xL xH yL yH d... (m = 0..3 or 48..51: normal,
double width, double height, quadruple); ESC d n and LF (feeds: white rows
when more raster follows in the same job, dropped at its end); GS V m
(m = 0, 1, 48, 49) and GS V m n (m = 65, 66, 97, 98, 103, 104); DLE EOT n
(n = 1..4, a status request: skipped). Anything else (another command, text
to print, a truncated command, bands of different widths) is an error: a
message on stderr and exit status 1. Usage errors exit 2.

Python 3 standard library only.
"""

import sys

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
EOT = 0x04
# A feed of one line at the power-on line spacing (1/6 inch at 203 dpi).
LINE_DOTS = 34


class DecodeError(Exception):
    pass


class Job:
    def __init__(self):
        self.width = None  # dots
        self.rows = []  # each a bytes object of (width + 7) // 8 bytes
        self.bands = 0
        self.cut = "none"
        self.pending_feed = 0

    def add_rows(self, width, rows):
        if self.width is None:
            self.width = width
        elif width != self.width:
            raise DecodeError(
                "band of %d dots after bands of %d dots" % (width, self.width))
        if self.pending_feed and self.rows:
            blank = bytes((width + 7) // 8)
            self.rows.extend([blank] * self.pending_feed)
        self.pending_feed = 0
        self.rows.extend(rows)
        self.bands += 1


def need(data, pos, n, what):
    if pos + n > len(data):
        raise DecodeError("offset %d: %s is truncated" % (pos, what))


def scale_row(row, width, sx):
    """Widens a packed row sx times (GS v 0 double/quadruple width)."""
    if sx == 1:
        return row, width
    bits = []
    for x in range(width):
        bit = (row[x >> 3] >> (7 - (x & 7))) & 1
        bits.extend([bit] * sx)
    out = bytearray((len(bits) + 7) // 8)
    for x, bit in enumerate(bits):
        if bit:
            out[x >> 3] |= 0x80 >> (x & 7)
    return bytes(out), width * sx


def raster(data, pos, job):
    """GS v 0 at pos; returns the offset after its data."""
    need(data, pos, 8, "GS v 0")
    m = data[pos + 3]
    if m not in (0, 1, 2, 3, 48, 49, 50, 51):
        raise DecodeError("offset %d: GS v 0 with mode %d" % (pos, m))
    m &= 3
    sx = 2 if m in (1, 3) else 1
    sy = 2 if m in (2, 3) else 1
    xbytes = data[pos + 4] | data[pos + 5] << 8
    rows = data[pos + 6] | data[pos + 7] << 8
    if xbytes == 0 or rows == 0:
        raise DecodeError("offset %d: GS v 0 of %dx%d bytes" % (pos, xbytes, rows))
    pos += 8
    need(data, pos, xbytes * rows, "GS v 0 image data")
    out = []
    width = xbytes * 8
    for y in range(rows):
        row, w = scale_row(data[pos + y * xbytes:pos + (y + 1) * xbytes], width, sx)
        out.extend([row] * sy)
    job.add_rows(w, out)
    return pos + xbytes * rows


def decode(data):
    """Returns the list of jobs that have a raster image."""
    jobs = []
    job = Job()
    pos = 0
    while pos < len(data):
        b = data[pos]
        if b == ESC:
            need(data, pos, 2, "ESC")
            c = data[pos + 1]
            if c == 0x40:  # ESC @: initialise, a new job begins
                if job.rows:
                    jobs.append(job)
                job = Job()
                pos += 2
            elif c == 0x64:  # ESC d n: print and feed n lines
                need(data, pos, 3, "ESC d")
                job.pending_feed += data[pos + 2] * LINE_DOTS
                pos += 3
            else:
                raise DecodeError("offset %d: unknown command ESC 0x%02X" % (pos, c))
        elif b == GS:
            need(data, pos, 2, "GS")
            c = data[pos + 1]
            if c == 0x76:  # GS v
                need(data, pos, 3, "GS v")
                if data[pos + 2] != 0x30:
                    raise DecodeError("offset %d: GS v 0x%02X is not GS v 0" % (pos, data[pos + 2]))
                pos = raster(data, pos, job)
            elif c == 0x56:  # GS V: cut
                need(data, pos, 3, "GS V")
                m = data[pos + 2]
                if m in (0, 48):
                    job.cut, pos = "full", pos + 3
                elif m in (1, 49):
                    job.cut, pos = "partial", pos + 3
                elif m in (65, 97, 103):
                    need(data, pos, 4, "GS V m n")
                    job.cut, pos = "full", pos + 4
                elif m in (66, 98, 104):
                    need(data, pos, 4, "GS V m n")
                    job.cut, pos = "partial", pos + 4
                else:
                    raise DecodeError("offset %d: GS V with m = %d" % (pos, m))
            else:
                raise DecodeError("offset %d: unknown command GS 0x%02X" % (pos, c))
        elif b == DLE:
            need(data, pos, 3, "DLE")
            if data[pos + 1] != EOT or data[pos + 2] not in (1, 2, 3, 4):
                raise DecodeError("offset %d: unknown real-time command DLE 0x%02X 0x%02X"
                                  % (pos, data[pos + 1], data[pos + 2]))
            pos += 3
        elif b == LF:
            job.pending_feed += LINE_DOTS
            pos += 1
        else:
            raise DecodeError("offset %d: unexpected byte 0x%02X (text or unknown command)"
                              % (pos, b))
    if job.rows:
        jobs.append(job)
    return jobs


def write_pbm(path, job):
    with open(path, "wb") as f:
        f.write(b"P4\n%d %d\n" % (job.width, len(job.rows)))
        for row in job.rows:
            f.write(row)


def main(argv):
    args = argv[1:]
    index = None
    if "--job" in args:
        i = args.index("--job")
        try:
            index = int(args[i + 1])
        except (IndexError, ValueError):
            print("escpos_decode: --job needs a number", file=sys.stderr)
            return 2
        del args[i:i + 2]
    if len(args) != 2:
        print("usage: escpos_decode.py JOBFILE OUT.pbm [--job N]", file=sys.stderr)
        return 2
    try:
        with open(args[0], "rb") as f:
            data = f.read()
    except OSError as e:
        print("escpos_decode: %s" % e, file=sys.stderr)
        return 1
    try:
        jobs = decode(data)
    except DecodeError as e:
        print("escpos_decode: %s: %s" % (args[0], e), file=sys.stderr)
        return 1
    if not jobs:
        print("escpos_decode: %s: no raster image in it" % args[0], file=sys.stderr)
        return 1
    for n, job in enumerate(jobs, 1):
        print("job %d: %dx%d dots, %d bands, cut: %s"
              % (n, job.width, len(job.rows), job.bands, job.cut))
    if index is None:
        index = len(jobs)
    if not 1 <= index <= len(jobs):
        print("escpos_decode: there is no job %d (%d jobs)" % (index, len(jobs)), file=sys.stderr)
        return 1
    try:
        write_pbm(args[1], jobs[index - 1])
    except OSError as e:
        print("escpos_decode: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
