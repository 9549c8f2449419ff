#!/bin/sh
# The technician screen says where staff reach the staff console and the
# fingerprint of its certificate (issue 18), on the real kiosk: before the
# console's first start, that it is not made yet; after, the fingerprint
# of the certificate in <data_dir>/console/cert.pem (openssl's, which
# tests/cli/console.sh shows is the console's and kioskctl's), in groups of 8
# bytes that the screen breaks lines between, cut nowhere at 1080x1920 and
# 1920x1080; in English, with --lang en.
. tests/lib.sh
needs openssl openssl
NOW="2026-12-01 09:00"
d="$TMP/k"
mkdir -p "$d"
ctl() { "$CTL" --db "$d/kiosk.db" --now "$NOW" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null
echo 246810 | ctl staff add 王芳 >/dev/null
# tech [STEPS]: from attract through the staff PIN to the technician screen,
# then STEPS, then the strings on screen and the widgets (with any text the
# layout cut, as "elided" lines).
tech() {
    echo "hold 40 40 3.5"
    echo 246810 | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    echo "tap next"
    echo "tap tech"
    echo "expect-screen technician"
    for step in "$@"; do echo "$step"; done
    echo "texts"
    echo "widgets"
}
kiosk() { # NAME SIZE [OPTIONS...]: runs $TMP/NAME.txt
    _name=$1
    _size=$2
    shift 2
    "$KIOSK" --headless --data-dir "$d" --size "$_size" --now "$NOW" "$@" --script "$TMP/$_name.txt" \
        >"$TMP/$_name.out" 2>"$TMP/$_name.err"
    _rc=$?
    [ $_rc -ne 0 ] && grep -a 'step failed' -A 3 "$TMP/$_name.err"
    return $_rc
}
# The address line: https://<an address of this machine, or （本机地址）>:8443,
# then /s/<station>/ on a line of its own.
addr_ok() { # OUT PLACEHOLDER
    _host=$(sed -n 's|^text	https://\(.*\):8443$|\1|p' "$1")
    [ -n "$_host" ] && grep -q "^text	/s/dl-jinpu-xianjin/$" "$1" || return 1
    if [ "$_host" = "$2" ]; then return 0; fi
    command -v hostname >/dev/null 2>&1 || return 0
    hostname -I | tr ' ' '\n' | grep -qx "$_host"
}

tech 'expect-text "证书指纹"' 'expect-text "未生成（控制台第一次启动时生成）"' \
    'expect-text "/s/dl-jinpu-xianjin/"' >"$TMP/none.txt"
kiosk none 1080x1920
check "before the console's first start the technician screen says its certificate is not made yet" test $? -eq 0
check "it gives the console's address: https://<board>:8443 and /s/<station id>/" addr_ok "$TMP/none.out" "（本机地址）"
check "nothing on it is cut" sh -c "! grep -aq '^elided' '$TMP/none.out'"

# A certificate where the console makes its own, <data_dir>/console (the
# tests of the console itself make it with the real console; this one
# needs only the kiosk).
mkdir -m 0700 "$d/console"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=kiosk \
    -keyout "$d/console/key.pem" -out "$d/console/cert.pem" 2>"$TMP/openssl.err"
print=$(openssl x509 -noout -fingerprint -sha256 -in "$d/console/cert.pem" | sed 's/^.*Fingerprint=//')
check "openssl made a certificate in <data_dir>/console ($print)" test -n "$print"
# The four groups of 8 bytes the screen shows, and the step that expects each.
groups=$(echo "$print" | sed 's/\(\([0-9A-F][0-9A-F]:\)\{7\}[0-9A-F][0-9A-F]\):/\1 /g')
check "in four groups of 8 bytes" test "$(echo "$groups" | wc -w)" -eq 4
expect_groups=$(for g in $groups; do echo "expect-text \"$g\""; done)

for size in 1080x1920 1920x1080; do
    tech 'expect-no-text "未生成"' "expect-text \"$groups\"" "$expect_groups" >"$TMP/made-$size.txt"
    kiosk "made-$size" "$size"
    check "[$size] the technician screen shows the console's fingerprint ($groups)" test $? -eq 0
    check "[$size] the layout cuts nothing of it (no elided text on the screen)" \
        sh -c "! grep -aq '^elided' '$TMP/made-$size.out'"
done

tech 'expect-text "Fingerprint"' "expect-text \"$groups\"" 'expect-text "/s/dl-jinpu-xianjin/"' >"$TMP/en.txt"
kiosk en 1080x1920 --lang en
check "in English: Fingerprint and the same groups" test $? -eq 0
check "in English: the address, https://<board>:8443" addr_ok "$TMP/en.out" "<board address>"
check "in English: nothing cut" sh -c "! grep -aq '^elided' '$TMP/en.out'"
rm "$d/console/cert.pem"
tech 'expect-text "not made yet (the console makes it at its first start)"' >"$TMP/en-none.txt"
kiosk en-none 1080x1920 --lang en
check "in English, with the certificate gone: not made yet" test $? -eq 0
