#!/bin/sh
# Prints the bash completion of kioskctl, made from its --help: the global
# options and the command list there are printed from kioskctl's one
# command table (tools/ctl), so a command or option added there is
# completed without a change here.
#   board/completion.sh KIOSKCTL-COMMAND... >kioskctl
# (the command may be "qemu-arm-static build/armhf/kioskctl" for a cross build).
set -eu
help=$("$@" --help) || { echo "completion: $* --help failed" >&2; exit 1; }
echo "$help" | awk '
    function add(list, w) { return index(" " list " ", " " w " ") ? list : (list == "" ? w : list " " w) }
    # one usage: "queue call --counter N [--line L]"
    function usage(u,   n, t, i, name, opts) {
        n = split(u, t, " ")
        name = t[1]
        if (n >= 2 && t[2] ~ /^[a-z][a-z-]*$/) {    # a group: "queue call"
            subs[t[1]] = add(subs[t[1]], t[2]); name = t[1] " " t[2]
        }
        cmds = add(cmds, t[1])
        opts = "--help"
        for (i = 1; i <= n; i++) {
            gsub(/[][()|]/, "", t[i])
            if (t[i] !~ /^--[a-z]/) continue
            opts = add(opts, t[i])
            if (i < n && t[i + 1] ~ /^[A-Z]/) valued = add(valued, t[i])
            if (i < n && t[i + 1] ~ /^FILE/) files = add(files, t[i])
        }
        if (u ~ /^[a-z-]+( [a-z]+)? FILE/) posfile = posfile "|" name "|"
        copts[name] = opts
    }
    /^Options:$/ { part = "o"; next }
    /^Commands:$/ { part = "c"; next }
    /^$/ { if (part == "c" && line != "") flush(); part = ""; next }
    part == "o" && /^  --/ { globals = add(globals, $1); if ($2 ~ /^[A-Z]/) { valued = add(valued, $1); if ($2 == "FILE") files = add(files, $1) } }
    function flush(   k, m, a, u) {
        # "calls [--all] | calls ack N" is two usages; "(--phone P | --no-phone)" one
        m = split(line, a, / \| /)
        split(a[1], w1, " ")
        u = a[1]
        for (k = 2; k <= m; k++) {
            split(a[k], wk, " ")
            if (wk[1] == w1[1]) { usage(u); u = a[k] } else u = u " " a[k]
        }
        usage(u)
        line = ""
    }
    part == "c" && /^  [^ ]/ { if (line != "") flush(); line = substr($0, 3); next }
    part == "c" && /^   / { sub(/^ +/, " "); line = line $0; next }
    END {
        if (line != "") flush()
        print "# bash completion for kioskctl: made by board/completion.sh from kioskctl --help"
        print "# (its command table); do not edit, make it again."
        print "_kioskctl() {"
        print "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i w cmd=\"\" n=0"
        printf "    local valued=\" %s \" files=\" %s \" posfile=\"%s\"\n", valued, files, posfile
        print "    case \" $files \" in *\" $prev \"*) COMPREPLY=($(compgen -f -- \"$cur\")); return ;; esac"
        print "    case \" $valued \" in *\" $prev \"*) COMPREPLY=(); return ;; esac"
        print "    for ((i = 1; i < COMP_CWORD; i++)); do"
        print "        w=${COMP_WORDS[i]}"
        print "        case $w in -*) case \" $valued \" in *\" $w \"*) ((i++)) ;; esac; continue ;; esac"
        print "        if [ $n -eq 0 ]; then cmd=$w; n=1"
        print "        elif [ $n -eq 1 ] && _kioskctl_sub \"$cmd\" | tr \" \" \"\\n\" | grep -qx -- \"$w\"; then cmd=\"$cmd $w\"; n=2"
        print "        else n=3; fi"
        print "    done"
        print "    if [ -z \"$cmd\" ]; then"
        printf "        case $cur in -*) COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")) ;;\n", globals
        printf "        *) COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")) ;; esac\n", cmds
        print "        return"
        print "    fi"
        print "    case $cur in"
        print "    -*) COMPREPLY=($(compgen -W \"$(_kioskctl_opts \"$cmd\")\" -- \"$cur\")) ;;"
        print "    *) if [ $n -eq 1 ] && [ -n \"$(_kioskctl_sub \"$cmd\")\" ]; then"
        print "           COMPREPLY=($(compgen -W \"$(_kioskctl_sub \"$cmd\")\" -- \"$cur\"))"
        print "       elif [[ $posfile == *\"|$cmd|\"* ]]; then"
        print "           COMPREPLY=($(compgen -f -- \"$cur\"))"
        print "       fi ;;"
        print "    esac"
        print "}"
        print "_kioskctl_sub() {"
        print "    case $1 in"
        for (g in subs) printf "    %s) echo \"%s\" ;;\n", g, subs[g]
        print "    esac"
        print "}"
        print "_kioskctl_opts() {"
        print "    case $1 in"
        for (name in copts) printf "    \"%s\") echo \"%s\" ;;\n", name, copts[name]
        print "    esac"
        print "}"
        print "complete -F _kioskctl kioskctl"
    }
'
