#!/usr/bin/env python3
"""Record CPython's behaviour for every differential-test program in this folder.

For each NAME.py (except this script) it runs `python3 NAME.py` with the working directory set to this folder,
and with PYTHONHASHSEED=0 and PYTHONIOENCODING=utf-8. It writes:

    NAME.out   exact stdout bytes (always written, possibly empty)
    NAME.err   stderr bytes (only when non-empty; a stale one is removed otherwise). The only change made to
               them: CPython >= 3.9 reports the script by its absolute path, so `File "/abs/folder/NAME.py"`
               is rewritten to `File "NAME.py"`, which makes the recording independent of the checkout path.
    NAME.code  exit status as text with a trailing newline

Naming rules that the checks below enforce:
    NN_*.py and k*.py  must exit 0 with empty stderr
    e*.py              must exit non-zero with non-empty stderr (uncaught exception, syntax/indentation error)
    t*.py              must exit 0 with non-empty stderr (an exception reported from a thread)

Usage: python3 src/interp/programs/record.py [NAME ...]   (default: every program)
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SELF = os.path.basename(os.path.abspath(__file__))
TIMEOUT_S = 60


def programs(selected):
    names = sorted(n for n in os.listdir(HERE) if n.endswith(".py") and n != SELF)
    if selected:
        wanted = set(s[:-3] if s.endswith(".py") else s for s in selected)
        names = [n for n in names if n[:-3] in wanted]
        missing = wanted - set(n[:-3] for n in names)
        if missing:
            sys.exit("record.py: no such program(s): " + ", ".join(sorted(missing)))
    return names


def expectation_problem(name, code, err):
    kind = name[0]
    if kind == "e":
        if code == 0:
            return "error case exited 0"
        if not err:
            return "error case wrote nothing to stderr"
    elif kind == "t":
        if code != 0:
            return "thread-exception case exited %d" % code
        if not err:
            return "thread-exception case wrote nothing to stderr"
    else:
        if code != 0:
            return "exited %d" % code
        if err:
            return "wrote to stderr"
    return None


def relativize(stderr):
    prefix = b'File "' + os.fsencode(HERE + os.sep)
    return stderr.replace(prefix, b'File "')


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main(argv):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    for var in ("PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONOPTIMIZE", "PYTHONSAFEPATH"):
        env.pop(var, None)
    failures = []
    names = programs(argv[1:])
    for name in names:
        stem = name[:-3]
        try:
            proc = subprocess.run(["python3", name], cwd=HERE, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            failures.append((name, "timed out after %d s" % TIMEOUT_S))
            print("%-40s TIMEOUT" % name)
            continue
        write_bytes(os.path.join(HERE, stem + ".out"), proc.stdout)
        err_path = os.path.join(HERE, stem + ".err")
        if proc.stderr:
            write_bytes(err_path, relativize(proc.stderr))
        elif os.path.exists(err_path):
            os.remove(err_path)
        write_bytes(os.path.join(HERE, stem + ".code"), b"%d\n" % proc.returncode)
        last_err = proc.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")[-1] if proc.stderr else ""
        print("%-40s exit %-3d stdout %6d B  stderr %6d B  %s" % (
            name, proc.returncode, len(proc.stdout), len(proc.stderr), last_err))
        problem = expectation_problem(name, proc.returncode, proc.stderr)
        if problem:
            failures.append((name, problem))
    print("recorded %d program(s) with %s" % (len(names), sys.version.split()[0]))
    if failures:
        print("\nFAILED: %d program(s) did not behave as their name requires:" % len(failures), file=sys.stderr)
        for name, problem in failures:
            print("  %s: %s" % (name, problem), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
