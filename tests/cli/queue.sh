#!/bin/sh
# kioskctl queue (issue 19): three residents take numbers (one priority),
# staff call them through in the order of the station's rule
# (queue_priority_every = 1: one regular call, then the waiting priority
# number), and queue status shows each step; a closed line refuses a take
# with its reason, a cap stops the numbers, a counter calls one at a time,
# bad input gets a one-line reason and exit 1 or 2, and every staff step
# is audited at the wall clock under --now.
. tests/lib.sh
DB="$TMP/q.db"
NOW="2026-12-01 09:00"
printf 'queue_priority_every = 1\n' >"$TMP/k.conf"
ctl() { "$CTL" --config "$TMP/k.conf" --db "$DB" --now "$NOW" "$@"; }
# says TEXT: what the command just printed on stderr says TEXT.
says() { check "... saying '$1'" grep -qF -- "$1" "$TMP/err"; }
# prints TEXT: its stdout is the line TEXT.
prints() { check "... printing '$1'" grep -qxF "$1" "$TMP/out"; }
# status: the csv rows (Excel's CRLF taken off).
status() { ctl queue status --format csv | tr -d '\r'; }
# row NUMBER,LINE: its status csv row without the times.
row() { status | grep "^$1," | awk -F, '{print $1","$2","$3","$6","$7}'; }
# row_is NUMBER,LINE WANT
row_is() { check "status: $1 is $2" test "$(row "$1")" = "$2"; }

expect_exit 0 "import the demo catalog (lines A, B, C)" ctl import-catalog assets/catalog/demo.ini

expect_exit 0 "a resident takes a number" ctl queue take --line zonghe
prints "A001 on line zonghe: 0 ahead"
expect_exit 0 "a second takes one" ctl queue take --line zonghe
prints "A002 on line zonghe: 1 ahead"
expect_exit 0 "a third takes a priority number" ctl queue take --line zonghe --priority
# One regular call first (A001), then the priority A003: one ahead.
prints "A003 on line zonghe: 1 ahead"
row_is A001,zonghe "A001,zonghe,waiting,,0"
row_is A002,zonghe "A002,zonghe,waiting,,2"
row_is A003,zonghe "A003,zonghe,waiting,,1"
expect_exit 0 "queue status as a table" ctl queue status
check "... with its columns" sh -c "head -n1 '$TMP/out' | grep -q '^number  *line  *status  *taken_at  *called_at  *counter  *ahead$'"
check "status as csv has the columns of DESIGN.md" test "$(status | head -n1)" = "number,line,status,taken_at,called_at,counter,ahead"
check "status as json parses, three numbers" python3 -c "
import json,subprocess
rows=json.loads(subprocess.run(['$CTL','--config','$TMP/k.conf','--db','$DB','--now','$NOW','queue','status','--format','json'],capture_output=True).stdout)
assert [r['number'] for r in rows]==['A001','A002','A003'] and rows[2]['ahead']==1, rows"

# Staff call them through: A001, then the priority A003, then A002.
expect_exit 0 "counter 2 calls the next" ctl queue call --counter 2
prints "A001 to counter 2 (line zonghe, walkin)"
row_is A001,zonghe "A001,zonghe,called,2,"
expect_exit 1 "a counter calls one at a time" ctl queue call --counter 2
says "counter 2 still has A001 (called): serve, finish, skip or transfer it first"
check "... in one line" test "$(wc -l <"$TMP/err")" -eq 1
expect_exit 0 "recall" ctl queue recall --counter 2
prints "A001 called again to counter 2"
expect_exit 0 "serve" ctl queue serve --counter 2
row_is A001,zonghe "A001,zonghe,serving,2,"
expect_exit 1 "serve twice is refused" ctl queue serve --counter 2
says "counter 2's A001 is serving, not called"
expect_exit 0 "finish" ctl queue finish --counter 2
prints "A001 done at counter 2"
row_is A001,zonghe "A001,zonghe,done,2,"
expect_exit 0 "the next call takes the priority number" ctl queue call --counter 2 --staff 王芳
prints "A003 to counter 2 (line zonghe, priority)"
row_is A003,zonghe "A003,zonghe,called,2,"
row_is A002,zonghe "A002,zonghe,waiting,,0"
expect_exit 0 "A003 did not come: skip" ctl queue skip --counter 2
row_is A003,zonghe "A003,zonghe,no_show,2,"
expect_exit 0 "counter 3 calls A002" ctl queue call --counter 3
prints "A002 to counter 3 (line zonghe, walkin)"
expect_exit 0 "... and sends it to line B" ctl queue transfer --counter 3 --to jiuzhu
prints "A002 on line jiuzhu: 0 ahead"
row_is A002,zonghe "A002,zonghe,transferred,3,"
row_is A002,jiuzhu "A002,jiuzhu,waiting,,0"
expect_exit 0 "counter 3 calls line B" ctl queue call --counter 3 --line jiuzhu
prints "A002 to counter 3 (line jiuzhu, walkin)"
expect_exit 1 "nobody else waits" ctl queue call --counter 4
says "nobody waits that may be called now"

# Closing and capping a line for the day.
expect_exit 0 "staff close line C" ctl queue close --line yanglao
prints "line yanglao closed for 2026-12-01"
expect_exit 1 "a take on a closed line is refused" ctl queue take --line yanglao
says "line C (养老服务) is closed for today; no numbers are given"
check "... in one line" test "$(wc -l <"$TMP/err")" -eq 1
check "... and no number given" test "$(status | grep -c '^C')" -eq 0
"$CTL" --config "$TMP/k.conf" --db "$DB" --now "2026-12-02 08:00" queue take --line yanglao >"$TMP/out" 2>"$TMP/err"
check "the next day the line is open again" grep -qxF "C001 on line yanglao: 0 ahead" "$TMP/out"
expect_exit 0 "staff open it again today" ctl queue open --line yanglao
expect_exit 0 "staff cap line C at 1" ctl queue cap --line yanglao --max 1
expect_exit 0 "one number is given" ctl queue take --line yanglao
prints "C001 on line yanglao: 0 ahead"
expect_exit 1 "the second is refused" ctl queue take --line yanglao
says "line C (养老服务) has given all its 1 numbers for today"

# A booked resident who checks in joins the service's line (康养咨询: line
# C) as an appointment at the booked time, even on a line capped for walk-ins.
expect_exit 0 "book 康养咨询 at 10:00" ctl book --session kangyang-zixun-20261201-1000 --phone 13800138000
t=$(cat "$TMP/out")
expect_exit 0 "check in at 09:00" ctl checkin "$t"
check "... gives a queue number of line C at the booked time" grep -qxF "queue number C002 on line yanglao (appointment at 10:00): 1 ahead" "$TMP/out"
row_is C002,yanglao "C002,yanglao,waiting,,1"

# Every staff step is audited, at the wall clock, saying the test clock.
check "the steps are in the audit log" test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action LIKE 'queue_%'")" -eq 12
check "... under the staff named" test "$(sqlite3 "$DB" "SELECT staff FROM audit WHERE action = 'queue_call' AND detail LIKE 'A003%'")" = "王芳"
check "... saying the test clock" test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action LIKE 'queue_%' AND detail LIKE '%(test clock 2026-12-01 09:00)'")" -eq 12
# 5 takes (A001-3, C001 on two days), 9 steps at counters, the transfer's
# take, the check-in's.
check "each step is one queue event" test "$(sqlite3 "$DB" "SELECT count(*) FROM queue_events")" -eq 16

# Bad input: one line and exit 2 for usage, 1 for a refusal.
expect_exit 2 "take without --line" ctl queue take
says "queue take needs --line"
expect_exit 2 "call without --counter" ctl queue call
says "queue call needs --counter"
expect_exit 2 "counter 0" ctl queue call --counter 0
says "--counter needs a number from 1 to 99, not '0'"
expect_exit 2 "counter abc" ctl queue serve --counter abc
expect_exit 2 "an unknown option" ctl queue take --line zonghe --vip
says "unknown option '--vip' for queue take"
expect_exit 2 "--priority is for take only" ctl queue call --counter 1 --priority
expect_exit 2 "cap without --max" ctl queue cap --line zonghe
expect_exit 2 "a cap of 1000" ctl queue cap --line zonghe --max 1000
expect_exit 2 "a bad --format" ctl queue status --format xml
expect_exit 1 "an unknown line" ctl queue take --line nope
says "there is no queue line 'nope'"
expect_exit 1 "transfer to an unknown line" sh -c "\"$CTL\" --config '$TMP/k.conf' --db '$DB' --now '$NOW' queue call --counter 5 --line zonghe >/dev/null 2>&1; \"$CTL\" --config '$TMP/k.conf' --db '$DB' --now '$NOW' queue transfer --counter 9 --to nope"
says "counter 9 has called nobody"
expect_exit 2 "queue status takes no --line" ctl queue status --line zonghe
