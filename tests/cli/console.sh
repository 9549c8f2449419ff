#!/bin/sh
# `kioskctl console fingerprint` (issue 18): the SHA-256 fingerprint of the
# staff console's certificate, the one the real console made at its first
# start in <data_dir>/console: the same as the console printed and as
# openssl's; before the console's first start, exit 1 saying so.
. tests/lib.sh
needs openssl openssl
d="$TMP/data"
mkdir -p "$d"
printf 'data_dir = %s\n' "$d" >"$TMP/kiosk.conf"
ctl() { "$CTL" --config "$TMP/kiosk.conf" --now "2026-12-01 09:00" "$@"; }
ctl import-catalog assets/catalog/demo.ini >/dev/null

expect_exit 1 "before the console's first start: refused" ctl console fingerprint
check "... saying there is no certificate yet, where, and who makes it" \
    grep -q "no console certificate yet: $d/console/cert.pem: .*(the console makes it at its first start)" "$TMP/err"
check "... and printing no fingerprint" test ! -s "$TMP/out"

# The real console, on the same configuration (its default --tls-dir is
# <data_dir>/console), on any free loopback port, until its two lines.
console_once "$TMP/console.out" "$PWD/$BUILD/kiosk-console" --config "$TMP/kiosk.conf" --listen 127.0.0.1 --port 0
check "the console starts and says where it listens" grep -q '^kiosk-console: listening on https://127.0.0.1:' "$TMP/console.out"
printed=$(sed -n 's/^kiosk-console: certificate SHA-256 //p' "$TMP/console.out")
check "the console made its certificate in <data_dir>/console" test -f "$d/console/cert.pem"

expect_exit 0 "kioskctl console fingerprint once the console made it" ctl console fingerprint
got=$(cat "$TMP/out")
check "it prints one fingerprint of 32 bytes (AB:CD:...)" \
    sh -c "test \$(wc -l <'$TMP/out') -eq 1 && grep -Eqx '([0-9A-F]{2}:){31}[0-9A-F]{2}' '$TMP/out'"
check "the same as the console printed at its start ($printed)" test -n "$printed" -a "$got" = "$printed"
want=$(openssl x509 -noout -fingerprint -sha256 -in "$d/console/cert.pem" | sed 's/^.*Fingerprint=//')
check "the same as openssl x509 -fingerprint -sha256" test -n "$want" -a "$got" = "$want"

cp "$d/console/cert.pem" "$TMP/cert.pem"
echo "not a certificate" >"$d/console/cert.pem"
expect_exit 1 "a file that holds no certificate: refused" ctl console fingerprint
check "... saying so" grep -q "$d/console/cert.pem: no certificate in it" "$TMP/err"
cp "$TMP/cert.pem" "$d/console/cert.pem"

expect_exit 2 "console fingerprint takes no argument" ctl console fingerprint extra
expect_exit 2 "console alone names its command" ctl console
check "... fingerprint" grep -q "console needs fingerprint" "$TMP/err"
"$CTL" --help >"$TMP/help"
check "kioskctl --help lists console fingerprint" grep -q '^  console fingerprint$' "$TMP/help"
