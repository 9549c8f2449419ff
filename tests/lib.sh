# Shared helpers of the shell tests: each check prints "ok - NAME" or
# "not ok - NAME" (with what went wrong) for tests/run.sh to count.
BUILD=${BUILD:-build}
CTL="$PWD/$BUILD/kioskctl"
KIOSK="$PWD/$BUILD/kiosk"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $1"; }
# TEST_BAIL=1 (the mutant runner sets it): the first failure ends the
# script, since one is all a mutant's verdict needs.
not_ok() {
    echo "not ok - $1"
    shift
    [ $# -gt 0 ] && printf '    %s\n' "$@"
    [ "${TEST_BAIL:-0}" = 1 ] && exit 1
    return 0
}
# check NAME COMMAND...: passes when COMMAND exits 0.
# The helpers' variables are prefixed: a script's own $name, $want or $got
# must survive a call (qr.sh's forgery loop once tested one payload only).
check() {
    _ck_name=$1
    shift
    if "$@"; then ok "$_ck_name"; else not_ok "$_ck_name" "failed: $*"; fi
}
# expect_exit CODE NAME COMMAND...: the command must exit with CODE.
expect_exit() {
    _ee_want=$1
    _ee_name=$2
    shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    _ee_got=$?
    if [ "$_ee_got" -eq "$_ee_want" ]; then ok "$_ee_name"; else
        not_ok "$_ee_name" "exit $_ee_got, wanted $_ee_want: $*" "$(cat "$TMP/err")"
    fi
}
# needs COMMAND PACKAGE: ends the script as skipped when COMMAND is absent.
needs() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "# skip: $1 is absent (Debian package $2)"
    exit 0
}
# plain_build_only WHY: ends the script as skipped in `make test SANITIZE=1`.
plain_build_only() {
    [ "${SANITIZE:-0}" = 1 ] || return 0
    echo "# skip: $1"
    exit 0
}
# X11_SAN: env assignments for a kiosk run on an X server (Xvfb) under
# SANITIZE=1, empty otherwise. SDL unloads Mesa's GL driver at exit, and
# LeakSanitizer then reports as leaks (of an unknown module) the blocks only
# the driver's globals pointed to; kept loaded, its memory is reachable.
X11_SAN=""
_x11_dri=$(ls /usr/lib/*/dri/swrast_dri.so 2>/dev/null | head -n1)
[ "${SANITIZE:-0}" = 1 ] && [ -n "$_x11_dri" ] &&
    X11_SAN="LD_PRELOAD=$_x11_dri ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0"
# verify_unit UNIT FROM TO: systemd-analyze verify accepts UNIT with the
# path FROM (its ExecStart program) replaced by TO (this build's).
verify_unit() {
    if ! command -v systemd-analyze >/dev/null 2>&1; then
        echo "# systemd-analyze absent: $1's keys are checked, not verified"
        return 0
    fi
    sed "s|$2|$3|" "$1" >"$TMP/$(basename "$1")"
    systemd-analyze verify "$TMP/$(basename "$1")" >"$TMP/verify.out" 2>&1
    vrc=$?
    check "systemd-analyze verify accepts $1" test $vrc -eq 0
    [ $vrc -eq 0 ] || cat "$TMP/verify.out"
}
# unprivileged_kiosk DIR: for a test of a data directory DIR the kiosk
# cannot write (chmod), sets $ro_kiosk and as_user COMMAND...: root writes
# through permission bits, so as root DIR goes to nobody and the kiosk runs
# as nobody, from a copy beside its fonts in $TMP (the checkout may sit in
# a directory nobody cannot enter; $TMP must be 0755); otherwise as is.
unprivileged_kiosk() {
    ro_kiosk=$KIOSK
    if [ "$(id -u)" -eq 0 ]; then
        chown -R nobody "$1"
        mkdir -p "$TMP/ro/bin"
        cp "$KIOSK" "$TMP/ro/bin/kiosk"
        cp -r fonts "$TMP/ro/fonts"
        chmod -R a+rX "$TMP/ro"
        ro_kiosk="$TMP/ro/bin/kiosk"
        as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
    else
        as_user() { "$@"; }
    fi
}
# code_keys TICKET: the script steps that type TICKET on the ticket code's
# keypad (check-in, cancel: issue 16), one `tap key:X` a symbol.
code_keys() {
    echo "$1" | sed 's/./tap key:&\n/g' | grep .
}

# factor_keys DIGITS: after the code keypad's 签到, the second factor's
# steps (issue 16): the last four digits of the phone (or the party), then
# 签到 again.
factor_keys() {
    echo "expect-screen checkin-verify"
    echo "$1" | sed 's/./tap key:&\n/g' | grep .
    echo "tap next"
}

# book_steps SESSION PHONE: the script steps that book SESSION of 康养咨询
# (养老服务, the demo's) by touch from home for PHONE, party 1, ending on
# the ticket screen.
book_steps() {
    printf 'tap category:yanglao\ntap service:kangyang-zixun\ntap book\n'
    printf 'tap session:%s\ntype %s\ntap next\ntap confirm\nexpect-screen ticket\n' "$1" "$2"
}
# console_once OUT COMMAND...: runs COMMAND, a kiosk-console, until it has
# printed its two start lines (where it listens, its certificate's
# fingerprint) to OUT or ended, for at most 60 s, then stops it (its
# stderr, but for the line saying it stopped, is shown).
console_once() {
    _co_out=$1
    shift
    : >"$_co_out"
    "$@" >"$_co_out" 2>"$_co_out.err" &
    _co_pid=$!
    _co_i=0
    while [ "$(wc -l <"$_co_out")" -lt 2 ] && kill -0 $_co_pid 2>/dev/null && [ $_co_i -lt 600 ]; do
        _co_i=$((_co_i + 1))
        sleep 0.1
    done
    kill $_co_pid 2>/dev/null
    wait $_co_pid
    grep -v 'stopped (signal' "$_co_out.err"
    return 0
}
# wait_line FILE LINE: until FILE holds LINE (20 s at most).
wait_line() {
    _n=0
    while ! grep -qxF "$2" "$1" 2>/dev/null; do
        _n=$((_n + 1))
        [ $_n -gt 200 ] && return 1
        sleep 0.1
    done
}
