#!/bin/sh
# Manual pages and bash completion (board/man.mk): `make man` makes a page
# of each program from its own --help, and every option --help lists is in
# the page, under the page's NAME; `make completion` makes kioskctl's bash
# completion from its --help (its command table): bash registers it
# (complete -p) and it completes every command, every group's
# subcommands and each command's options, file names after --db; `make
# install` installs it where bash-completion looks.
. tests/lib.sh
plain_build_only "the pages and the completion are made from the plain build's programs"
needs help2man help2man
needs man man-db
make --no-print-directory BUILD="$BUILD" man completion >"$TMP/make.log" 2>&1
rc=$?
check "make man completion makes the pages and the completion" test $rc -eq 0
[ $rc -eq 0 ] || { tail -n 20 "$TMP/make.log"; exit 1; }
for p in kiosk kioskctl kiosk-console kiosk-display kiosk-sync; do
    page="$BUILD/man/$p.1"
    # the page as man shows it, one paragraph a line (no hyphenation)
    MANWIDTH=2000 man -E ascii -l "$page" 2>/dev/null | col -b >"$TMP/page"
    "$BUILD/$p" --help >"$TMP/help" 2>&1
    grep -o -- '--[a-z][a-z-]*' "$TMP/help" | sort -u >"$TMP/opts"
    missing=$(while read -r o; do grep -q -- "$o\\b" "$TMP/page" || printf '%s ' "$o"; done <"$TMP/opts")
    check "$p.1 has every option of $p --help ($(wc -l <"$TMP/opts"))" \
        test -s "$TMP/opts" -a -z "$missing"
    [ -z "$missing" ] || echo "    missing: $missing"
    check "$p.1's NAME is \"$p - ...\" (whatis, lintian)" \
        sh -c "lexgrog '$page' | grep -q '\"$p - '"
    # its SYNOPSIS is the usage: line, continuation lines included
    awk 'NR == 1 || (go && /^ +[[(]/) { go = 1; print; next } { exit }' "$TMP/help" |
        grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/uopts"
    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$TMP/page" >"$TMP/syn"
    missing=$(while read -r o; do grep -q -- "$o\b" "$TMP/syn" || printf '%s ' "$o"; done <"$TMP/uopts")
    check "$p.1's SYNOPSIS has the usage line's $(wc -l <"$TMP/uopts") options" \
        sh -c "grep -q '^ *$p' '$TMP/syn' && test -z '$missing'"
done
# every command line of kioskctl --help is in its page, in full
# (one line each, continuation lines joined; "calls [--all] | calls ack N"
# is two commands)
"$BUILD/kioskctl" --help | awk '/^Commands:$/ { on = 1; next } on && /^$/ { exit }
    on && /^  [^ ]/ { if (l != "") print l; l = substr($0, 3); next }
    on { sub(/^ +/, " "); l = l $0 } END { if (l != "") print l }' >"$TMP/lines"
awk '{ n = split($0, a, / \| /); u = a[1]; split(a[1], f, " ")
    for (k = 2; k <= n; k++) { split(a[k], g, " "); if (g[1] == f[1]) { print u; u = a[k] } else u = u " | " a[k] }
    print u }' "$TMP/lines" >"$TMP/cmds"
MANWIDTH=2000 man -E ascii -l "$BUILD/man/kioskctl.1" 2>/dev/null | col -b | sed 's/^ *//' >"$TMP/page"
missing=$(while read -r c; do grep -qxF -- "$c" "$TMP/page" || printf '[%s] ' "$c"; done <"$TMP/lines")
check "kioskctl.1 lists each of the $(wc -l <"$TMP/lines") command lines of kioskctl --help on a line of its own" \
    test -s "$TMP/lines" -a -z "$missing"
[ -z "$missing" ] || echo "    missing: $missing"

comp="$BUILD/completion/kioskctl"
# complete WORDS...: what bash offers for the last word (COMPREPLY, sorted)
cat >"$TMP/complete.bash" <<'BASH'
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_kioskctl
printf '%s\n' "${COMPREPLY[@]}" | sort
BASH
complete() { bash "$TMP/complete.bash" "$comp" kioskctl "$@"; }
check "bash registers the completion for kioskctl (complete -p)" \
    sh -c "bash -c 'source \"$comp\"; complete -p kioskctl' | grep -qx 'complete -F _kioskctl kioskctl'"
# kioskctl's own commands and options, as its --help prints them
cut -d' ' -f1 "$TMP/cmds" | sort -u >"$TMP/first"
complete "" >"$TMP/got"
check "an empty word completes to every command ($(wc -l <"$TMP/first"))" cmp -s "$TMP/first" "$TMP/got"
complete qu >"$TMP/got"
check "'kioskctl qu' completes to queue" test "$(cat "$TMP/got")" = queue
grep '^queue ' "$TMP/cmds" | cut -d' ' -f2 | sort -u >"$TMP/want"
complete queue "" >"$TMP/got"
check "'kioskctl queue ' completes to queue's $(wc -l <"$TMP/want") subcommands" cmp -s "$TMP/want" "$TMP/got"
complete --config x.conf queue call -- >"$TMP/got"
check "'kioskctl --config x.conf queue call --' completes to its options" \
    test "$(paste -sd' ' "$TMP/got")" = "--counter --help --line --staff"
complete book --n >"$TMP/got"
check "'kioskctl book --n' completes to --no-phone" test "$(cat "$TMP/got")" = --no-phone
complete export --date 2026-12-01 --u >"$TMP/got"
check "'kioskctl export --date D --u' completes to --until (an option after a value)" test "$(cat "$TMP/got")" = --until
complete --c >"$TMP/got"
check "'kioskctl --c' completes to the global --config" test "$(cat "$TMP/got")" = --config
mkdir -p "$TMP/files" && : >"$TMP/files/kiosk-backup.db"
(cd "$TMP/files" && bash "$TMP/complete.bash" "$OLDPWD/$comp" kioskctl --db kiosk-b) >"$TMP/got"
check "a file name completes after --db" test "$(cat "$TMP/got")" = kiosk-backup.db
(cd "$TMP/files" && bash "$TMP/complete.bash" "$OLDPWD/$comp" kioskctl backup kiosk-b) >"$TMP/got"
check "a file name completes for backup FILE" test "$(cat "$TMP/got")" = kiosk-backup.db
# every option of every command of --help is offered after that command
# (one bash for all of them)
cat >"$TMP/all.bash" <<'BASH'
source "$1"
offer() { COMP_WORDS=(kioskctl "$@"); COMP_CWORD=$#; COMPREPLY=(); _kioskctl; echo " ${COMPREPLY[*]} "; }
while read -r line; do
    set -- $line
    words=$1
    [[ $(offer "$1" "") == *" $2 "* ]] && words="$1 $2"
    got=$(offer $words --)
    for o in $(grep -o -- '--[a-z][a-z-]*' <<<"$line" | sort -u); do
        [[ $got == *" $o "* ]] || printf ' [%s %s]' "$words" "$o"
    done
done <"$2"
BASH
bad=$(bash "$TMP/all.bash" "$comp" "$TMP/cmds")
check "every option of every command line of kioskctl --help is completed after it" test -z "$bad"
[ -z "$bad" ] || echo "    not completed:$bad"
make --no-print-directory BUILD="$BUILD" DESTDIR="$TMP/inst" PREFIX=/usr install-completion >"$TMP/make.log" 2>&1
check "make install puts it in /usr/share/bash-completion/completions/kioskctl" \
    cmp -s "$comp" "$TMP/inst/usr/share/bash-completion/completions/kioskctl"
