#!/bin/sh
# `make` on a machine without the development packages: one short message
# naming the Debian packages and the command that installs them, not a
# page of pkg-config errors (one per layer and program, about two hundred
# lines). A fake pkg-config that knows no module stands for that machine.
# `make deps` and the goals that run tools/deps.sh first are not held up.
. tests/lib.sh
cat >"$TMP/pkg-config" <<'FAKE'
#!/bin/sh
# Knows no module, and says so on stderr as the real one does.
for a in "$@"; do
    case $a in
    --*) ;;
    *) echo "Package $a was not found in the pkg-config search path." >&2 ;;
    esac
done
exit 1
FAKE
chmod +x "$TMP/pkg-config"
# mk GOAL...: make -n with the fake pkg-config, into a throwaway build
# directory; the output (both streams) in $TMP/make.out, the status in $rc.
mk() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n PKG_CONFIG="$TMP/pkg-config" BUILD="$TMP/b" "$@" \
        >"$TMP/make.out" 2>&1
    rc=$?
}
mk
lines=$(grep -c . "$TMP/make.out")
check "make with no development packages fails" test $rc -ne 0
check "in at most 3 lines ($lines)" test "$lines" -le 3
[ "$lines" -le 3 ] || head -n 8 "$TMP/make.out"
check "no pkg-config error reaches the output" sh -c "! grep -q 'was not found' '$TMP/make.out'"
for p in libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libsodium-dev; do
    check "it names the Debian package $p" grep -q -- "$p" "$TMP/make.out"
done
check "and the commands that install them" \
    sh -c "grep -q 'sudo apt-get install' '$TMP/make.out' && grep -q 'make deps' '$TMP/make.out'"
mk all build/kioskctl
check "the same for named programs" sh -c "test $rc -ne 0 && test \$(grep -c . '$TMP/make.out') -le 3"

# Only the missing ones: with sqlite3 known, libsqlite3-dev is not named.
cat >"$TMP/pkg-config2" <<FAKE
#!/bin/sh
case "\$*" in *sqlite3*) exit 0 ;; esac
exec "$TMP/pkg-config" "\$@"
FAKE
chmod +x "$TMP/pkg-config2"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n PKG_CONFIG="$TMP/pkg-config2" BUILD="$TMP/b" >"$TMP/make.out" 2>&1
check "it names only what is missing" \
    sh -c "grep -q libsdl2-dev '$TMP/make.out' && ! grep -q libsqlite3-dev '$TMP/make.out'"

# The goals that install the packages first are not stopped by the check,
# nor made noisy: make deps (tools/deps.sh) runs.
mk deps
check "make deps is not stopped by the check" test $rc -eq 0
check "and prints no pkg-config error" sh -c "! grep -q 'was not found' '$TMP/make.out'"
grep -q "tools/deps.sh build" "$TMP/make.out"
check "make deps still runs tools/deps.sh" test $? -eq 0
for g in test-deps clean; do
    mk $g
    check "make $g is not stopped by the check" test $rc -eq 0
done
