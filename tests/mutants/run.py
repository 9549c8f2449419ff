#!/usr/bin/env python3
"""Mutation testing (issue 24): `make mutants` runs every mutant of
tests/mutants/mutants.txt; tests/mutants/quick.sh (run by `make test`) the
ones marked `quick: yes`.

Each mutant is a one-line change to the product: in FILE, the text FROM,
which must occur exactly once, becomes TO. The runner copies the tree
(sources and the build directory, mtimes kept) into a temporary directory,
so the real tree is never mutated, even when interrupted; builds there; runs
every named test once unmutated (a test that fails unmutated would "kill"
anything); then, for each mutant, applies it, rebuilds what its tests need,
runs them, and puts the file back.

A mutant is killed when the build fails ("killed (build)"), or a test exits
non-zero, prints a `not ok` line, or times out ("killed (timeout)"). A
mutant whose FROM text is absent or not unique is an ERROR, never killed.

Usage: run.py [--quick] [--tap] [--only ID[,ID...]] [--list FILE] [--keep] [--check]
(--check: only that every mutant applies exactly once)
Exit status: 0 all killed, 1 any survived, 2 an error (a mutant that does
not apply, a build or a test that fails unmutated).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KEYS = ("id", "file", "from", "to", "test", "quick", "why")
TEST_TIMEOUT = int(os.environ.get("MUTANT_TIMEOUT", "300"))
JOBS = os.environ.get("MUTANT_JOBS", "2")


def parse(path):
    """Blocks of `key: value` lines separated by blank lines; # comments."""
    mutants, cur, errors = [], None, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                cur = None
                continue
            m = re.match(r"([a-z]+): ?(.*)$", line)
            if not m or m.group(1) not in KEYS:
                errors.append(f"{path}:{n}: not a `key: value` line: {line}")
                continue
            key, val = m.group(1), m.group(2)
            if cur is None:
                cur = {"test": [], "line": n}
                mutants.append(cur)
            if key == "test":
                cur["test"].append(val)
            elif key in cur:
                errors.append(f"{path}:{n}: {key} given twice")
            else:
                cur[key] = val
    seen = set()
    for m in mutants:
        for k in ("id", "file", "from", "to"):
            if k not in m:
                errors.append(f"{path}:{m['line']}: a mutant without `{k}`")
        if not m["test"]:
            errors.append(f"{path}:{m['line']}: mutant {m.get('id')} names no test")
        if m.get("id") in seen:
            errors.append(f"{path}:{m['line']}: id {m['id']} twice")
        seen.add(m.get("id"))
        if m.get("from") == m.get("to"):
            errors.append(f"{path}:{m['line']}: mutant {m.get('id')} changes nothing")
    return mutants, errors


def targets_of(tests):
    """What to build for these tests: the unit binaries they name, the two
    programs for any script, kiosk-sync for the fleet scripts, the
    next-schema kioskctl builds for the update scripts."""
    t = set()
    for cmd in tests:
        for word in cmd.split():
            if word.startswith("build/tests/") or word.startswith("build/bench/"):
                t.add(word)
            if word.startswith("tests/") and word.endswith(".sh"):
                t.add("all")
                if word.startswith("tests/fleet/"):
                    t.add("build/kiosk-sync")
                if word.startswith("tests/console/") or word.startswith("tests/browser/") or \
                        word.startswith("tests/ratings/"):  # issue 20 (F): rate.sh's console.py
                    t.add("build/kiosk-console")
                if word.startswith("tests/update/"):
                    t.update(["build/next-schema-0/kioskctl", "build/next-schema-1/kioskctl"])
    return sorted(t)


def make(work, targets, log):
    with open(log, "w") as out:
        return subprocess.call(["make", "-j" + JOBS, "--no-print-directory", "WERROR=1",
                                "BUILD=build", "SANITIZE=0", "UNTESTABLE=0"] + targets,
                               cwd=work, stdout=out, stderr=subprocess.STDOUT)


def run_test(work, cmd, log, bail=False):
    """(verdict, detail): verdict None (passed), 'failed' or 'timeout'.
    bail: a test script stops at its first failure (TEST_BAIL, tests/lib.sh),
    since one `not ok` kills the mutant."""
    env = dict(os.environ, BUILD="build", SANITIZE="0", TEST_BAIL="1" if bail else "0")
    with open(log, "w") as out:
        p = subprocess.Popen(["sh", "-c", cmd], cwd=work, env=env, stdout=out,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             start_new_session=True)
        try:
            rc = p.wait(timeout=TEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return "timeout", f"no end after {TEST_TIMEOUT} s"
    try:
        os.killpg(p.pid, signal.SIGKILL)  # what the test left running
    except ProcessLookupError:
        pass
    with open(log, errors="replace") as f:
        text = f.read()
    bad = [l for l in text.splitlines() if l.startswith("not ok")]
    if bad:
        return "failed", bad[0]
    if rc != 0:
        return "failed", f"exit {rc}"
    if not re.search(r"^ok ", text, re.M):
        return "failed", "no `ok` line"
    return None, ""


def copy_tree(work):
    skip = {".git", "build"}
    for name in os.listdir(ROOT):
        if name in skip:
            continue
        src, dst = os.path.join(ROOT, name), os.path.join(work, name)
        if os.path.isdir(src) and not os.path.islink(src):
            shutil.copytree(src, dst, symlinks=True)
        else:
            shutil.copy2(src, dst, follow_symlinks=False)
    # Seed the build with the plain build's objects (mtimes kept, so make
    # rebuilds only what is older than its sources).
    build = os.path.join(ROOT, os.environ.get("BUILD") or "build")
    for name in ("obj", "lib", "tests", "kiosk", "kioskctl", "kiosk-sync"):
        src = os.path.join(build, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, "build", name), symlinks=True)
        elif os.path.isfile(src):
            os.makedirs(os.path.join(work, "build"), exist_ok=True)
            shutil.copy2(src, os.path.join(work, "build", name))


def obj_of(path):
    return os.path.join("build", "obj", re.sub(r"\.c$", ".o", path))


def main(argv):
    quick = "--quick" in argv
    tap = "--tap" in argv
    keep = "--keep" in argv
    only = None
    listfile = os.path.join(HERE, "mutants.txt")
    for i, a in enumerate(argv):
        if a == "--only":
            only = set(argv[i + 1].split(","))
        if a == "--list":
            listfile = argv[i + 1]
    mutants, errors = parse(listfile)
    if errors:
        for e in errors:
            print("error: " + e)
        return 2
    if quick:
        mutants = [m for m in mutants if m.get("quick") == "yes"]
    if only:
        mutants = [m for m in mutants if m["id"] in only]
        if len(mutants) != len(only):
            print("error: no such mutant: " + ", ".join(only - {m["id"] for m in mutants}))
            return 2

    def say(verdict, m, detail, secs):
        detail = f"{detail} ({secs:.1f} s)"
        if tap:
            ok = verdict.startswith("killed")
            print(f"{'ok' if ok else 'not ok'} - mutant {m['id']} is killed"
                  + ("" if ok else f": {verdict}: {detail}"))
            if ok:
                print(f"# {m['id']}: {verdict} by {detail}")
        else:
            print(f"{verdict:<16} {m['id']:<28} {detail}", flush=True)

    # Every mutant must apply exactly once, against the real tree's text.
    bad = 0
    for m in mutants:
        path = os.path.join(ROOT, m["file"])
        n = open(path, encoding="utf-8").read().count(m["from"]) if os.path.isfile(path) else -1
        if n != 1:
            why = "no such file" if n < 0 else f"the original text occurs {n} times"
            if tap:
                print(f"not ok - mutant {m['id']} applies: {m['file']}: {why}")
            else:
                print(f"{'ERROR':<16} {m['id']:<28} {m['file']}: {why}")
            bad += 1
    if bad:
        print(f"{bad} mutants do not apply (fix the list: an unapplied mutant is never killed)")
        return 2
    if "--check" in argv:
        print(f"{len(mutants)} mutants apply")
        return 0

    work = tempfile.mkdtemp(prefix="mutants.")
    logs = os.path.join(work, ".mutant-logs")
    os.makedirs(logs)

    def cleanup(*_):
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        if _:
            sys.exit(130)

    signal.signal(signal.SIGINT, cleanup)
    signal.signal(signal.SIGTERM, cleanup)
    try:
        t0 = time.time()
        copy_tree(work)
        alltests = []
        for m in mutants:
            for t in m["test"]:
                if t not in alltests:
                    alltests.append(t)
        targets = targets_of(alltests)
        if not tap:
            print(f"# the tree copied in {time.time() - t0:.1f} s", flush=True)
        if make(work, targets, os.path.join(logs, "build")) != 0:
            print("error: the unmutated tree does not build (make " + " ".join(targets) + "):")
            print(open(os.path.join(logs, "build"), errors="replace").read()[-3000:])
            return 2
        # The named tests must pass unmutated.
        for t in alltests:
            tb = time.time()
            verdict, detail = run_test(work, t, os.path.join(logs, "baseline"))
            if not tap:
                print(f"# unmutated in {time.time() - tb:.1f} s: {t}", flush=True)
            if verdict:
                print(f"error: `{t}` fails unmutated ({verdict}: {detail}); it can kill nothing")
                print(open(os.path.join(logs, "baseline"), errors="replace").read()[-3000:])
                return 2
        if not tap:
            print(f"# {len(mutants)} mutants; built and {len(alltests)} tests passed "
                  f"unmutated in {time.time() - t0:.0f} s", flush=True)

        killed = survived = 0
        for m in mutants:
            tm = time.time()
            path = os.path.join(work, m["file"])
            with open(path, encoding="utf-8") as f:
                orig = f.read()
            obj = os.path.join(work, obj_of(m["file"]))
            try:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(orig.replace(m["from"], m["to"], 1))
                if os.path.exists(obj):
                    os.remove(obj)
                log = os.path.join(logs, m["id"])
                verdict, detail = None, ""
                if make(work, targets_of(m["test"]), log + ".build") != 0:
                    verdict, detail = "killed (build)", "the mutant does not compile"
                else:
                    for t in m["test"]:
                        v, d = run_test(work, t, log, bail=True)
                        if v:
                            verdict = "killed (timeout)" if v == "timeout" else "killed"
                            detail = f"{t}: {d}"
                            break
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(orig)
                if os.path.exists(obj):
                    os.remove(obj)
            if verdict:
                killed += 1
                say(verdict, m, detail, time.time() - tm)
            else:
                survived += 1
                say("SURVIVED", m, "passed: " + "; ".join(m["test"]), time.time() - tm)
        if tap:
            print(f"# mutants: {killed} killed, {survived} survived")
        else:
            print(f"{killed} killed, {survived} survived ({time.time() - t0:.0f} s)")
        return 1 if survived else 0
    finally:
        cleanup()


if __name__ == "__main__":
    rc = main(sys.argv[1:])
    if rc == 2 and "--tap" in sys.argv:
        print("not ok - the mutants run (an error, above: nothing was judged)")
    sys.exit(rc)
