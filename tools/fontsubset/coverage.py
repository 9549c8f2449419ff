#!/usr/bin/env python3
"""Characters of text files that a font cannot draw.

usage: coverage.py FONT FILE|DIR...

Prints "FILE: U+XXXX 'c'" once per missing character per file, in order of
first appearance, and exits 1 if there is any; exits 0 when the font's cmap
covers everything, 2 on a usage or read error.  Directories are walked; files
in them that hold NUL bytes (images) or are not UTF-8 are skipped, while a
file named on the command line must be UTF-8.  Controls and format
characters (newline, tab, BOM, ZWJ) need no glyph and are not checked.
"""
import os
import sys
import unicodedata

try:
    from fontTools.ttLib import TTFont
except ImportError:
    # pyenv or a virtualenv may shadow the Debian python3 that has fontTools.
    debian = "/usr/bin/python3"
    if os.path.exists(debian) and not os.environ.get("COVERAGE_PY_REEXEC"):
        os.environ["COVERAGE_PY_REEXEC"] = "1"
        os.execv(debian, [debian] + sys.argv)
    sys.exit("coverage.py: needs fontTools: sudo apt-get install -y python3-fonttools")

SKIP = ("Cc", "Cf")


def files_of(arg):
    if not os.path.isdir(arg):
        yield arg, True
        return
    for root, dirs, names in os.walk(arg):
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(root, name), False


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    try:
        cmap = TTFont(argv[1], lazy=True, fontNumber=0).getBestCmap()
    except Exception as e:  # fontTools raises assorted types on bad input
        sys.stderr.write("coverage.py: %s: %s\n" % (argv[1], e))
        return 2
    sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    status = 0
    for arg in argv[2:]:
        for path, named in files_of(arg):
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError as e:
                sys.stderr.write("coverage.py: %s\n" % e)
                return 2
            if not named and b"\0" in data:
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                if not named:
                    continue
                sys.stderr.write("coverage.py: %s: not UTF-8 (%s)\n" % (path, e))
                return 2
            seen = set()
            for ch in text:
                if ch in seen:
                    continue
                seen.add(ch)
                if ord(ch) not in cmap and unicodedata.category(ch) not in SKIP:
                    print("%s: U+%04X '%s'" % (path, ord(ch), ch))
                    status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
