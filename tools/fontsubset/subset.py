#!/usr/bin/env python3
"""Build the kiosk's subset of Noto Sans CJK SC (Regular and Bold).

Run through tools/make-font-subset.sh, which checks the inputs and picks a
Python that has fontTools.  The output depends only on the source fonts, the
fontTools version and the characters found under the scanned directories, so
two runs over the same tree give byte-identical files.
"""
import argparse
import os
import sys
import unicodedata

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

FACE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Noto Sans SC Kiosk"
PS_FAMILY = "NotoSansSCKiosk"

# Blocks kept whole (as far as the font has them): what a touchscreen UI
# writes beyond GB2312.  Each range is inclusive.
RANGES = [
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement: NBSP, ·, ×, ÷, ©, accented letters
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, …, •, ‰
    (0x2100, 0x214F),  # letterlike: ℃ № ℉ ™
    (0x2150, 0x218F),  # number forms: Ⅰ…Ⅻ, ⅰ…ⅹ
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics: ①…⑳, ⑴, ⒈, Ⓐ
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ ▶ ◀ ● ○ ◎
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3220, 0x3243),  # parenthesised ideographs ㈠…㈩
    (0x3280, 0x32B0),  # circled ideographs ㊀…㊣
    (0xFF00, 0xFFEF),  # full-width and half-width forms
]
# Single symbols a kiosk screen or ticket may use.
EXTRA = "✓✚★☆☎⚠♀♂➡⬅⬆⬇⏎・\u2212\u2215\u221a\u221e\u2264\u2265\u2248\u2260"

# Only Latin kerning is worth keeping for plain horizontal text.  GSUB goes:
# its 'locl' could swap in Japanese or Korean glyph forms when HarfBuzz
# guesses another language from the process locale.
LAYOUT_FEATURES = ["kern"]
# Vertical writing and baseline tables: SDL2_ttf only lays out horizontally.
DROP_TABLES = ["BASE", "VORG", "vhea", "vmtx"]


def log(msg):
    sys.stderr.write("make-font-subset: %s\n" % msg)


def gb2312_chars():
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted(ch):
    # Controls, format characters (BOM, ZWJ) and unassigned code points need
    # no glyph; HarfBuzz treats the default ignorables as invisible.
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")


def scan(dirs):
    """Non-ASCII characters of every UTF-8 text file under dirs.

    Returns {char: first file it was seen in}."""
    found = {}
    for top in dirs:
        if not os.path.isdir(top):
            log("note: %s: no such directory, not scanned" % top)
            continue
        for root, subdirs, files in os.walk(top):
            subdirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    data = f.read()
                if b"\0" in data:
                    continue  # images and other binaries
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    log("warning: %s: not UTF-8, not scanned" % path)
                    continue
                for ch in text:
                    if ord(ch) > 0x7E and ch not in found and wanted(ch):
                        found[ch] = path
    return found


def find_face(path):
    """Index of the face named FACE_FAMILY in the collection at path."""
    coll = TTCollection(path, lazy=True)
    for i, font in enumerate(coll.fonts):
        if font["name"].getDebugName(1) == FACE_FAMILY:
            return i
    sys.exit("make-font-subset: %s has no face named %r" % (path, FACE_FAMILY))


def rename(font, style, version):
    ps_name = "%s-%s" % (PS_FAMILY, style)
    full = FAMILY if style == "Regular" else "%s %s" % (FAMILY, style)
    name = font["name"]
    for rec_id, value in (
        (1, FAMILY),
        (2, style),
        (3, "%s;%s" % (version, ps_name)),
        (4, full),
        (5, "%s;kiosk subset" % name.getDebugName(5)),
        (6, ps_name),
    ):
        name.setName(value, rec_id, 3, 1, 0x409)
    # The CFF table is shared by all faces of the collection and carries the
    # Japanese face's names; make it agree with the name table.
    cff = font["CFF "].cff
    old = cff.fontNames[0]
    cff.fontNames[0] = ps_name
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = FAMILY
    for fd in getattr(top, "FDArray", []):
        if getattr(fd, "FontName", "").startswith(old):
            fd.FontName = ps_name + fd.FontName[len(old):]


def build(src, style, out, unicodes, hinting):
    index = find_face(src)
    opts = subset.Options()
    opts.layout_features = LAYOUT_FEATURES
    opts.drop_tables += DROP_TABLES
    opts.name_IDs = ["*"]  # keep copyright, licence and its URL
    opts.name_languages = [0x409]
    opts.name_legacy = False
    opts.notdef_outline = True  # a missing character shows as a box, not blank
    opts.hinting = hinting
    opts.desubroutinize = False  # subroutines make the plain OTF smaller
    opts.recalc_timestamp = False
    opts.font_number = index
    font = subset.load_font(src, opts, dontLoadGlyphNames=True)
    modified = font["head"].modified
    version = "%.3f" % font["head"].fontRevision
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    rename(font, style, version)
    # Keep the source's timestamp: no clock in the output.
    font["head"].modified = modified
    font.recalcTimestamp = False
    tmp = out + ".tmp"
    subset.save_font(font, tmp, opts)
    os.replace(tmp, out)
    cmap = font.getBestCmap()
    log("%s: face %d of %s, %d characters, %d glyphs, %d bytes"
        % (out, index, src, len(cmap), font["maxp"].numGlyphs, os.path.getsize(out)))
    font.close()
    return index


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--regular", required=True, help="NotoSansCJK-Regular.ttc")
    ap.add_argument("--bold", required=True, help="NotoSansCJK-Bold.ttc")
    ap.add_argument("--outdir", default="fonts")
    ap.add_argument("--no-hinting", action="store_true")
    ap.add_argument("--chars-out", help="also write the requested characters here")
    ap.add_argument("scan", nargs="*", default=["assets", "firmware"],
                    help="directories whose text files' characters must be covered")
    args = ap.parse_args()

    chars = gb2312_chars()
    for lo, hi in RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    chars.update(EXTRA)
    found = scan(args.scan)
    chars.update(found)
    chars = {c for c in chars if wanted(c)}

    # What the source lacks is dropped silently for the blocks above, but a
    # character the kiosk's own text uses deserves a warning.
    have = TTFont(args.regular, fontNumber=find_face(args.regular), lazy=True).getBestCmap()
    for ch, path in sorted(found.items()):
        if ord(ch) not in have:
            log("warning: %s: U+%04X %r is not in %s; it will show as a box"
                % (path, ord(ch), ch, FACE_FAMILY))
    unicodes = sorted(ord(c) for c in chars if ord(c) in have)
    log("%d characters requested (%d found in %s), %d in the font"
        % (len(chars), len(found), " ".join(args.scan), len(unicodes)))
    if args.chars_out:
        with open(args.chars_out, "w", encoding="utf-8") as f:
            f.write("".join(chr(u) for u in unicodes) + "\n")

    hinting = not args.no_hinting
    os.makedirs(args.outdir, exist_ok=True)
    build(args.regular, "Regular", os.path.join(args.outdir, "NotoSansSC-Kiosk-Regular.otf"),
          unicodes, hinting)
    build(args.bold, "Bold", os.path.join(args.outdir, "NotoSansSC-Kiosk-Bold.otf"),
          unicodes, hinting)


if __name__ == "__main__":
    main()
