#!/bin/sh
# help2man runs this as the program: it runs the program ("$@" ends with
# --help) and passes its output through, but for kioskctl's command list
# (printed from its one command table, one command a line, continuations
# indented further), where each command becomes a paragraph of its own
# (help2man would fill them all into one), and the usage: line, which
# becomes "Usage:" with its continuation lines joined (help2man's SYNOPSIS).
"$@" 2>&1 | awk '
    NR == 1 && sub(/^usage:/, "Usage:") { usage = $0; next }
    usage != "" && /^ +[[(]/ { sub(/^ +/, " "); usage = usage $0; next }
    usage != "" { print usage; usage = "" }
    /^Commands:$/ { cmds = 1; print; next }
    cmds && /^$/ { cmds = 0 }
    cmds && /^  [^ ]/ { print ""; sub(/^  /, "") }
    cmds && /^   +/ { sub(/^ +/, "") }
    { print }
    END { if (usage != "") print usage }'
