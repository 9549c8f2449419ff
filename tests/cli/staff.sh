#!/bin/sh
# kioskctl staff and audit: PINs from stdin or a terminal without echo,
# duplicates and unknown names refused, listings without PINs or hashes,
# and the audit rows of every change. No PIN may appear in anything
# kioskctl prints or in the database file.
. tests/lib.sh
DB="$TMP/t.db"
NOW="2026-12-01 09:00"
# 12 digits: no chance of turning up in a base64 salt or hash by accident.
PIN1=975318642086
PIN2=864209753124
ctl() { "$CTL" --db "$DB" --now "$NOW" "$@"; }
# expect_exit, keeping everything kioskctl printed for the PIN search.
x() {
    expect_exit "$@"
    cat "$TMP/out" "$TMP/err" >>"$TMP/all"
}
# says TEXT: the refusal just made (its stderr) says TEXT.
says() { check "... saying '$1'" grep -qF "$1" "$TMP/err"; }

echo "$PIN1" | x 1 "staff add without a database is refused" ctl staff add 王芳
says "no database at $DB"
x 0 "import the demo catalog" ctl import-catalog assets/catalog/demo.ini

echo "$PIN1" | x 0 "staff add reads the PIN from stdin" ctl staff add 王芳
check "staff add says so" grep -q "王芳 added" "$TMP/out"
echo "$PIN2" | x 1 "staff add of an existing name is refused" ctl staff add 王芳
check "the refusal says the name exists" grep -q "exists" "$TMP/err"
echo 12345 | x 1 "a PIN of 5 digits is refused" ctl staff add 李明
check "the refusal says what a PIN is" grep -q "6 to 12 digits" "$TMP/err"
echo 1234567890123 | x 1 "a PIN of 13 digits is refused" ctl staff add 李明
says "a PIN is 6 to 12 digits; nothing changed"
echo 12345a | x 1 "a PIN with a letter is refused" ctl staff add 李明
says "a PIN is 6 to 12 digits; nothing changed"
x 1 "no PIN at all is refused" ctl staff add 李明 </dev/null
says "no PIN on stdin"
x 2 "a PIN on the command line is refused" ctl staff add 李明 "$PIN2"
says "staff add takes the NAME only"
check "... without repeating it" sh -c "! grep -q '$PIN2' '$TMP/err'"
x 2 "a PIN as an option is refused" ctl staff add "--pin=$PIN2"
says "staff add takes the NAME only"
printf 'bad\tname\n' >"$TMP/name"
echo "$PIN2" | x 1 "a name with a control character is refused" ctl staff add "$(cat "$TMP/name")"
says "not a staff name: 1 to 32 bytes of UTF-8 without control characters"
printf '%s\r\n' "$PIN2" | x 0 "a CRLF line from stdin is one PIN" ctl staff add "Li Ming"

x 0 "staff list" ctl staff list
check "the list shows the names" sh -c "grep -q 王芳 '$TMP/out' && grep -q 'Li Ming' '$TMP/out'"
check "the list shows no hash" sh -c "! grep -q 'argon2' '$TMP/out'"
check "only the two added are listed" test "$(ctl staff list --format csv | tail -n +2 | grep -c .)" -eq 2
x 0 "staff list as csv" ctl staff list --format csv
check "staff list csv header" test "$(head -n1 "$TMP/out" | tr -d '\r')" = "name,created_at,updated_at"
check "staff list as json parses" python3 -c "
import json,subprocess
rows=json.loads(subprocess.run(['$CTL','--db','$DB','staff','list','--format','json'],capture_output=True).stdout)
assert [r['name'] for r in rows]==['Li Ming','王芳'] and set(rows[0])=={'name','created_at','updated_at'}, rows"

h1=$(sqlite3 "$DB" "SELECT pin_hash FROM staff WHERE name = '王芳'")
# Hashes are compared, never printed, not even by a failing check.
check "the database holds an Argon2id hash" test "$(printf %s "$h1" | cut -c1-31)" = '$argon2id$v=19$m=16384,t=2,p=1$'
same() { if [ "$1" = "$2" ]; then echo same; else echo different; fi; }
echo "$PIN2" | x 0 "staff passwd sets a new PIN" "$CTL" --db "$DB" --now "2026-12-01 10:00" staff passwd 王芳
h2=$(sqlite3 "$DB" "SELECT pin_hash FROM staff WHERE name = '王芳'")
check "the hash changed" test -n "$h2" -a "$(same "$h1" "$h2")" = different
check "updated_at moved, created_at stayed" test "$(sqlite3 "$DB" "SELECT created_at || '/' || updated_at FROM staff WHERE name = '王芳'")" = "2026-12-01 09:00/2026-12-01 10:00"
echo "$PIN2" | x 1 "staff passwd of an unknown name is refused" ctl staff passwd 张三
check "the refusal names no such staff member" grep -q "no such staff member" "$TMP/err"
echo 123 | x 1 "staff passwd with a bad PIN is refused" ctl staff passwd 王芳
says "a PIN is 6 to 12 digits; nothing changed"
check "the refused passwd changed nothing" test "$(same "$(sqlite3 "$DB" "SELECT pin_hash FROM staff WHERE name = '王芳'")" "$h2")" = same

x 0 "staff remove" ctl staff remove "Li Ming"
x 1 "staff remove again is refused" ctl staff remove "Li Ming"
says "Li Ming: no such staff member"
echo "$PIN1" | x 1 "staff passwd of a removed name is refused" ctl staff passwd "Li Ming"
says "Li Ming: no such staff member"
check "one staff member left" test "$(ctl staff list --format csv | tail -n +2 | grep -c .)" -eq 1
x 2 "staff without a subcommand is a usage error" ctl staff
says "staff needs add, passwd, list or remove"
x 2 "an unknown staff subcommand is a usage error" ctl staff frobnicate
says "unknown staff command 'frobnicate'"

# The terminal: asked twice, without echo.
if python3 -c 'import pty' 2>/dev/null; then
    cat >"$TMP/pinterm.py" <<PY
import os, pty, select, sys, termios, time
PROMPTS = [b'PIN (6 to 12 digits): ', b'The same PIN again: ']
def echo_off(fd):
    try:
        return not termios.tcgetattr(fd)[3] & termios.ECHO
    except termios.error:
        return False
def run(args, answers):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(args[0], args)
    out = b''
    def drain(secs):
        nonlocal out
        end = time.time() + secs
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    d = os.read(fd, 4096)
                except OSError:
                    return
                if not d:
                    return
                out += d
    for k, a in enumerate(answers):
        # Type as a person would: once prompt k is shown AND echo is off
        # (kioskctl writes the prompt, then turns echo off with TCSAFLUSH,
        # which drops anything typed before; a loaded machine may take a
        # while between the two).
        end = time.time() + 60
        while not (PROMPTS[k] in out and echo_off(fd)):
            if time.time() > end:
                out += b'[no prompt %d with echo off after 60 s]' % (k + 1)
                break
            drain(0.02)
        os.write(fd, a)
        drain(0.1)
        out += b'\n'
    # kioskctl should be done soon; one still waiting for input is a
    # failure, not a hang of the suite.
    end = time.time() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            drain(0.1)
            return out, os.waitstatus_to_exitcode(status)
        if time.time() > end:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return out + b'[killed: still waiting after 60 s]', -9
        drain(0.1)
ctl = ['$CTL', '--db', '$DB', '--now', '$NOW', 'staff']
out, rc = run(ctl + ['add', '赵敏'], [b'$PIN1\n', b'$PIN1\n'])
open('$TMP/tty1', 'wb').write(out)
assert rc == 0 and out.count(b'PIN') >= 2 and b'$PIN1' not in out, (rc, out)
out, rc = run(ctl + ['passwd', '赵敏'], [b'$PIN1\n', b'$PIN2\n'])
open('$TMP/tty2', 'wb').write(out)
assert rc == 1 and b'differ' in out and b'$PIN1' not in out and b'$PIN2' not in out, (rc, out)
PY
    check "on a terminal the PIN is asked twice and never echoed" python3 "$TMP/pinterm.py"
    cat "$TMP/tty1" "$TMP/tty2" >>"$TMP/all" 2>/dev/null
    check "two different PINs on the terminal change nothing" test "$(ctl staff list --format csv | grep -c 赵敏)" -eq 1
else
    not_ok "python3 (pty) is needed for the terminal test"
fi

# The audit log.
x 0 "audit" ctl audit --format csv
check "audit csv header" test "$(head -n1 "$TMP/out" | tr -d '\r')" = "at,staff,action,ticket,session_id,detail"
tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f2,3,6 >"$TMP/audit"
# By time: the passwd was made at 10:00, the others at 09:00.
printf '%s\n' kioskctl,staff_add,王芳 "kioskctl,staff_add,Li Ming" "kioskctl,staff_remove,Li Ming" \
    kioskctl,staff_add,赵敏 kioskctl,staff_passwd,王芳 >"$TMP/audit.want"
check "audit lists add, add, remove, add, passwd by kioskctl, by time" cmp -s "$TMP/audit" "$TMP/audit.want"
check "audit rows carry the time" test "$(tail -n +2 "$TMP/out" | grep -c '^2026-12-01 ')" -eq 5
x 0 "audit --date" ctl audit --date 2026-12-02
check "audit of another day is empty" grep -q "(none)" "$TMP/out"
x 0 "audit as json" ctl audit --format json
check "audit json parses" python3 -c "
import json; rows=json.load(open('$TMP/out'))
assert len(rows)==5 and rows[0]['action']=='staff_add' and rows[0]['staff']=='kioskctl', rows"
x 2 "audit with a bad date" ctl audit --date 2026-13-01
says "bad date '2026-13-01': expected YYYY-MM-DD"
x 0 "audit help" "$CTL" audit --help
check "audit help names the columns" grep -q "at,staff,action,ticket,session_id,detail" "$TMP/out"
x 0 "check reports schema version 10" ctl check
check "check says ok, schema version 10" grep -qx "ok, schema version 10" "$TMP/out"

# The PIN nowhere: not in anything printed, not in the audit table, not in
# the file's bytes (main file and -wal).
check "no PIN in kioskctl's output" sh -c "! grep -q -e '$PIN1' -e '$PIN2' '$TMP/all'"
check "no hash in kioskctl's output" sh -c "! grep -q 'argon2' '$TMP/all'"
check "the output search has something to search" grep -q "王芳" "$TMP/all"
sqlite3 "$DB" "SELECT * FROM audit" >"$TMP/audit.rows"
check "no PIN in the audit table" sh -c "test -s '$TMP/audit.rows' && ! grep -q -e '$PIN1' -e '$PIN2' '$TMP/audit.rows'"
check "the file search has something to search" sh -c "cat '$DB' '$DB-wal' 2>/dev/null | grep -a -q staff_passwd"
check "no PIN in the database file" sh -c "! cat '$DB' '$DB-wal' 2>/dev/null | grep -a -q -e '$PIN1' -e '$PIN2'"
