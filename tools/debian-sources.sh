#!/bin/sh
# Prints this machine's apt sources of its own Debian release as one-line
# entries ("deb [signed-by=KEY] URI SUITE COMPONENTS"), read from its
# one-line and deb822 files. Third-party repositories (other suites) are left
# out: they have no packages of other architectures, nor for a chroot.
# mmdebstrap takes the output as its mirror list, so no mirror is named in
# the project's files.
set -eu
. /etc/os-release
suite=${VERSION_CODENAME:?debian-sources: no VERSION_CODENAME in /etc/os-release}
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case $f in
    *.sources)
        awk -v suite="$suite" '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && uris != "")
                    for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
                        if (s[j] == suite || s[j] ~ "^" suite "-")
                            print "deb" (key ~ /^\// ? " [signed-by=" key "]" : "") " " u[i] " " s[j] " " comps
                types = uris = comps = key = ""; nu = ns = 0
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            { v = $0; sub(/^[^:]*:[ \t]*/, "", v) }
            tolower($1) == "types:" { types = v }
            tolower($1) == "uris:" { uris = v; nu = split(v, u, /[ \t]+/) }
            tolower($1) == "suites:" { ns = split(v, s, /[ \t]+/) }
            tolower($1) == "components:" { comps = v }
            tolower($1) == "signed-by:" { key = v }
            END { flush() }' "$f"
        ;;
    *)
        awk -v suite="$suite" '
            $1 != "deb" { next }
            { n = 2; opts = ""; if ($2 ~ /^\[/) { while ($n !~ /\]$/) { opts = opts " " $n; n++ } opts = opts " " $n; n++ } }
            $(n + 1) == suite || $(n + 1) ~ "^" suite "-" { print }' "$f"
        ;;
    esac
done
