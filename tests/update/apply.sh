#!/bin/sh
# kioskctl update apply: a good bundle installs and switches; a changed
# byte, a wrong key, a truncated bundle, another board, an older or the same
# version, and archives with unsafe entries are refused with the old
# release still current and nothing of the refused one left behind.
. tests/update/lib.sh

# refused NAME WORDS BUNDLE [apply options]: exit 1, the message says
# WORDS, 1.0.0 is still current and complete, no trace of the bundle left.
refused() {
    what=$1
    words=$2
    shift 2
    expect_exit 1 "$what: refused" U apply "$@"
    if grep -q "$words" "$TMP/err"; then ok "$what: says '$words'"; else
        not_ok "$what: says '$words'" "$(cat "$TMP/err")"
    fi
    if [ "$(current)" = releases/1.0.0 ] && complete && [ "$(ls "$ROOT/releases")" = 1.0.0 ] &&
        [ ! -e "$ROOT/tmp" ]; then ok "$what: 1.0.0 still current, nothing left"; else
        not_ok "$what: 1.0.0 still current, nothing left" "current: $(current)" \
            "$(ls -a "$ROOT" "$ROOT/releases")"
    fi
}

bundle 1.0.0
expect_exit 0 "the first bundle installs on an empty root" U apply "$TMP/b-1.0.0.tar"
check "current names releases/1.0.0" test "$(current)" = releases/1.0.0
check "the release is complete" complete
check "its kiosk runs from current/" test "$("$ROOT/current/bin/kiosk")" = "kiosk 1.0.0"
check "its kiosk is executable by everyone, its data readable" \
    test "$(stat -c %a "$ROOT/current/bin/kiosk" "$ROOT/current/share/kiosk/catalog/demo.ini" | tr '\n' ' ')" = "755 644 "
expect_exit 0 "update status" U status
check "a first release is not on trial (nothing to go back to)" grep -qx 'on trial: none' "$TMP/out"

bundle 1.1.0
good=$TMP/b-1.1.0.tar

cp "$good" "$TMP/flip.tar"
cp "$good.minisig" "$TMP/flip.tar.minisig"
size=$(wc -c <"$good")
# One byte of bin/kiosk's data (the manifest fills blocks 0 and 1).
off=$((512 * 3 + 12))
python3 -c "
import sys
f = open(sys.argv[1], 'r+b'); f.seek(int(sys.argv[2])); b = f.read(1); f.seek(int(sys.argv[2]))
f.write(bytes([b[0] ^ 1]))" "$TMP/flip.tar" "$off"
check "the flipped copy differs from the bundle" sh -c "! cmp -s '$good' '$TMP/flip.tar'"
refused "a flipped byte" "bad signature" "$TMP/flip.tar"

cp "$good" "$TMP/wrongkey.tar"
minisign -S -s "$TMP/other.sec" -m "$TMP/wrongkey.tar" >/dev/null
refused "a bundle signed by another key" "not by the trusted key" "$TMP/wrongkey.tar"
refused "the right signature checked with another public key" "not by the trusted key" \
    "$good" --pubkey "$TMP/other.pub"

head -c $((size - 1024)) "$good" >"$TMP/short.tar"
cp "$good.minisig" "$TMP/short.tar.minisig"
refused "a truncated bundle" "bad signature" "$TMP/short.tar"
# Truncated before signing: the signature holds, the archive does not.
head -c $((512 * 4)) "$good" >"$TMP/cut.tar"
minisign -S -s "$TMP/key.sec" -m "$TMP/cut.tar" >/dev/null
refused "a bundle cut short, then signed" "truncated" "$TMP/cut.tar"

refused "a bundle without its signature file" "cannot open" "$good" --sig "$TMP/none.minisig"

bundle 1.2.0 --arch "s390x mips64el"
refused "a bundle for another board" "made for s390x mips64el" "$TMP/b-1.2.0.tar"

# Hand-made archives, validly signed, each with one unsafe entry after a
# manifest that is fine.
craft() {
    python3 - "$TMP/$1.tar" "$2" "$TMP/kiosk-entry" <<'PY'
import hashlib, io, sys, tarfile
out, kind, _ = sys.argv[1:]
data = b"#!/bin/sh\necho kiosk 1.3.0\n"
man = ("kiosk-update 1\nversion 1.3.0\narch amd64 arm64 armhf i386\nfile %s bin/kiosk\n"
       % hashlib.sha256(data).hexdigest()).encode()
t = tarfile.open(out, "w", format=tarfile.USTAR_FORMAT)
def add(name, payload, type=tarfile.REGTYPE, link=""):
    i = tarfile.TarInfo(name); i.size = len(payload) if type == tarfile.REGTYPE else 0
    i.type = type; i.linkname = link; i.mode = 0o755
    t.addfile(i, io.BytesIO(payload) if type == tarfile.REGTYPE else None)
add("manifest", man)
if kind == "dotdot": add("../evil", b"x")
if kind == "deep": add("bin/../../evil", b"x")
if kind == "absolute": add("/tmp/evil", b"x")
if kind == "symlink": add("bin/evil", b"", tarfile.SYMTYPE, "/etc/passwd")
if kind == "hardlink": add("bin/evil", b"", tarfile.LNKTYPE, "bin/kiosk")
if kind == "device": add("bin/evil", b"", tarfile.CHRTYPE)
if kind == "unlisted": add("bin/evil", b"x")
if kind == "nokiosk":
    t.close(); t = tarfile.open(out, "w", format=tarfile.USTAR_FORMAT)
    add("manifest", man.replace(b"bin/kiosk", b"bin/other")); add("bin/other", data)
elif kind == "missing": pass
else: add("bin/kiosk", data if kind != "changed" else data + b"#")
if kind == "twice": add("bin/kiosk", data)
t.close()
PY
    minisign -S -s "$TMP/key.sec" -m "$TMP/$1.tar" >/dev/null
}
craft dotdot dotdot
refused "an entry ../evil" "'..' are not allowed" "$TMP/dotdot.tar"
craft deep deep
refused "an entry bin/../../evil" "'..' are not allowed" "$TMP/deep.tar"
craft absolute absolute
refused "an entry /tmp/evil" "absolute paths" "$TMP/absolute.tar"
check "nothing was written outside the root" sh -c "[ ! -e '$TMP/evil' ] && [ ! -e '$ROOT/evil' ]"
craft symlink symlink
refused "a symbolic link entry" "links, devices" "$TMP/symlink.tar"
craft hardlink hardlink
refused "a hard link entry" "links, devices" "$TMP/hardlink.tar"
craft device device
refused "a device entry" "links, devices" "$TMP/device.tar"
craft unlisted unlisted
refused "a file the manifest does not list" "not in the manifest" "$TMP/unlisted.tar"
craft missing missing
refused "a manifest file missing from the archive" "not in the archive" "$TMP/missing.tar"
craft changed changed
refused "a file that differs from its manifest sha256" "does not match its sha256" "$TMP/changed.tar"
craft twice twice
refused "a file twice in the archive" "twice" "$TMP/twice.tar"
craft nokiosk nokiosk
refused "a bundle without bin/kiosk" "not a kiosk release" "$TMP/nokiosk.tar"
mkdir -p "$TMP/nobin/share"
echo x >"$TMP/nobin/share/x"
expect_exit 1 "make-bundle refuses a directory without bin/kiosk" \
    sh tools/make-bundle.sh --version 9.9.9 --key "$TMP/key.sec" --out "$TMP/nobin.tar" "$TMP/nobin"
check "... saying what to give it" grep -q "no bin/kiosk (give the PREFIX directory" "$TMP/err"
craft good good
expect_exit 0 "the same hand-made archive without the bad entry installs" U apply "$TMP/good.tar"
check "... and is current" test "$(current)" = releases/1.3.0
check "... complete" complete
expect_exit 0 "rolled back to 1.0.0 for the next tests" U rollback

expect_exit 0 "a good newer bundle installs" U apply "$good"
check "current switched to 1.1.0" test "$(current)" = releases/1.1.0
check "previous is 1.0.0" test "$(previous)" = releases/1.0.0
check "1.1.0 is complete" complete
check "1.0.0 is complete" complete previous
check "only current and previous are kept" test "$(ls "$ROOT/releases" | tr '\n' ' ')" = "1.0.0 1.1.0 "
check "current/bin/kiosk is 1.1.0's" test "$("$ROOT/current/bin/kiosk")" = "kiosk 1.1.0"
U status >"$TMP/status"
check "status: current, previous, on trial" grep -qx 'current: 1.1.0' "$TMP/status"
check "status: previous" grep -qx 'previous: 1.0.0' "$TMP/status"
check "status: 1.1.0 is on trial, not started yet" \
    grep -qx 'on trial: 1.1.0 (started 0 of 3 times; kept after 2 s of service)' "$TMP/status"

expect_exit 1 "the same version again is refused" U apply "$good"
check "... saying it is already current" grep -q "already the current 1.1.0" "$TMP/err"
bundle 1.0.5
expect_exit 1 "an older version is refused" U apply "$TMP/b-1.0.5.tar"
check "... saying so" grep -q "older than the current 1.1.0" "$TMP/err"
check "... and 1.1.0 is still current" test "$(current)" = releases/1.1.0
expect_exit 0 "--allow-downgrade installs the older one" U apply "$TMP/b-1.0.5.tar" --allow-downgrade
check "... which is then current" test "$(current)" = releases/1.0.5

# minisign -l: the legacy, not prehashed signature is checked too.
bundle 1.4.0
minisign -S -l -s "$TMP/key.sec" -m "$TMP/b-1.4.0.tar" >/dev/null
legacy() { sed -n 2p "$1.minisig" | grep -q '^RW'; }
check "the bundle has a legacy signature" legacy "$TMP/b-1.4.0.tar"
expect_exit 0 "a bundle with a legacy (Ed) signature installs" U apply "$TMP/b-1.4.0.tar"
# A newer version, so that only its signature can refuse it.
bundle 1.5.0
minisign -S -l -s "$TMP/key.sec" -m "$TMP/b-1.5.0.tar" >/dev/null
check "... as has a newer one" legacy "$TMP/b-1.5.0.tar"
cp "$TMP/b-1.5.0.tar" "$TMP/b-1.5.0.good"
printf 'x' >>"$TMP/b-1.5.0.tar"
expect_exit 1 "... and one byte more breaks it" U apply "$TMP/b-1.5.0.tar"
check "... as a bad signature" grep -q "bad signature: the file is not what the key signed" "$TMP/err"
still_140() { [ "$(current)" = releases/1.4.0 ] && [ ! -e "$ROOT/releases/1.5.0" ]; }
check "... and 1.4.0 stays current, nothing of 1.5.0 left" still_140
cp "$TMP/b-1.5.0.good" "$TMP/b-1.5.0.tar"
expect_exit 0 "... while the same bundle without that byte installs" U apply "$TMP/b-1.5.0.tar"

expect_exit 2 "apply without a bundle is a usage error" U apply
expect_exit 2 "an unknown update command is a usage error" U frobnicate
