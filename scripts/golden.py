#!/usr/bin/env python3
"""The golden programs' expected outputs, recorded from CPython.

usage: python3 scripts/golden.py regen [NAME...]   rewrite tests/cases/NAME.out (all when no name)
       python3 scripts/golden.py check [NAME...]   re-run python3 and check each committed .out
                                                   still matches under the case's mode

Each case runs as `python3 NAME.py` inside a fresh temporary directory that holds only that file
(so tracebacks say File "NAME.py" and open() starts from an empty directory), on a pseudo-terminal:
stdout is then line-buffered and merged with stderr exactly as a learner's terminal shows it (with
a pipe or a file, CPython block-buffers stdout, reorders it against stderr and repeats buffered
lines in forked children, none of which a terminal shows).

A case declares how its output is compared on its first comment lines: `# mode: MODE` with MODE
one of exact (default), lines, normalized, multiset-normalized, multiset-digits, superset, prefix-N,
suffix-N; the same rules as crates/sim/src/compare.rs (which the Rust golden test uses).
`# args: ...` are proclab's options (--cpus, --seed) and do not concern python3.
"""
import concurrent.futures
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import termios
import time

CASES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "cases")
TIMEOUT = 60  # seconds per case; cases are meant to take under one


def run_python(path):
    """CPython's output for the case at `path`, as a terminal shows it (\\n line ends)."""
    name = os.path.basename(path)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, tmp)
        master, slave = os.openpty()
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST  # no "\n" -> "\r\n" translation
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
        env.pop("PYTHONUNBUFFERED", None)
        proc = subprocess.Popen(["python3", name], cwd=tmp, stdin=subprocess.DEVNULL,
                                stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        chunks, deadline, ended_at = [], time.monotonic() + TIMEOUT, None
        while True:
            now = time.monotonic()
            if now > deadline:
                proc.kill()
                chunks.append(b"\n[golden.py: timed out]\n")
                break
            if ended_at is None and proc.poll() is not None:
                ended_at = now
            if ended_at is not None and now - ended_at > 2.0:
                break  # a leftover (orphaned) child still holds the terminal: stop listening
            if not select.select([master], [], [], 0.2)[0]:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        proc.wait()
        os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace")
    # CPython prints the script's full (temporary) path in tracebacks; keep just its name so that
    # a regen is reproducible. Frames of CPython's own library keep their paths.
    return text.replace(f'File "{os.path.join(os.path.realpath(tmp), name)}"', f'File "{name}"').replace(
        f'File "{os.path.join(tmp, name)}"', f'File "{name}"')


# ----- comparison (the semantics of crates/sim/src/compare.rs) -----

MASKS = [
    (re.compile(r'File "[^"]*/([^"/]+)"'), r'File "\1"'),
    (re.compile(r"0x[0-9a-fA-F]+"), "<ADDR>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?"), "<DATETIME>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "<DATE>"),
    (re.compile(r"(?<!\d)\d{1,2}:\d{2}:\d{2}(?!\d)"), "<TIME>"),
    (re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])"), "<FLOAT>"),
    (re.compile(r"(?<!\d)\d{3,}(?!\d)"), "<INT>"),
]
FRAME = re.compile(r'^\s*File "([^"]*)", line \d+')
CARETS = re.compile(r"^\s*[\^~]+\s*$")


def normalize(text):
    for rx, rep in MASKS:
        text = rx.sub(rep, text)
    return text


def own_frames_only(text, program):
    """Drops traceback frames of other files (and their source line), ^~~ lines, directories."""
    own, kept = os.path.basename(program), []
    lines, i = text.splitlines(), 0
    while i < len(lines):
        m = FRAME.match(lines[i])
        if m and os.path.basename(m.group(1)) != own:
            i += 1
            if i < len(lines) and lines[i].startswith("    ") and not FRAME.match(lines[i]):
                i += 1
            continue
        line = MASKS[0][0].sub(MASKS[0][1], lines[i]) if m else lines[i]
        if not CARETS.match(line):
            kept.append(line)
        i += 1
    return "\n".join(kept) + ("\n" if text.endswith("\n") else "")


def header(source):
    mode, args = "exact", []
    for line in source.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        body = s.lstrip("#").strip()
        m = re.match(r"(?:corpus-)?mode:\s*(\S+)", body)
        if m:
            mode = m.group(1)
        elif body.startswith("args:"):
            args = body[5:].split()
    return mode, args


def differs(expected, actual, program, mode):
    """None when they match under `mode`, else a description of the first difference."""
    e, a = own_frames_only(expected, program), own_frames_only(actual, program)
    if mode == "exact":
        if e == a:
            return None
        x, y = e.splitlines(), a.splitlines()
    elif mode == "lines":
        x, y = sorted(e.splitlines()), sorted(a.splitlines())
    elif mode == "normalized":
        x, y = normalize(e).splitlines(), normalize(a).splitlines()
    elif mode == "multiset-normalized":
        x, y = sorted(normalize(e).splitlines()), sorted(normalize(a).splitlines())
    elif mode == "multiset-digits":
        x = sorted(re.sub(r"\d+", "<N>", normalize(e)).splitlines())
        y = sorted(re.sub(r"\d+", "<N>", normalize(a)).splitlines())
    elif mode == "superset":
        have = normalize(a).splitlines()
        for line in normalize(e).splitlines():
            if line in have:
                have.remove(line)
            else:
                return f"missing line {line!r}"
        return None
    elif re.fullmatch(r"(prefix|suffix)-\d+", mode):
        n = int(mode.split("-")[1])
        x, y = normalize(e).splitlines(), normalize(a).splitlines()
        x, y = (x[:n], y[:n]) if mode.startswith("prefix") else (x[-n:], y[-n:])
    else:
        return f"unknown mode {mode!r}"
    if x == y and mode != "exact":
        return None
    for i, (l, r) in enumerate(zip(x, y)):
        if l != r:
            return f"line {i + 1}: expected {l!r}, got {r!r}"
    if len(x) == len(y):
        return "the same lines, but the text differs (line endings?)"
    return f"expected {len(x)} lines, got {len(y)}"


# ----- commands -----

def case_paths(names):
    if not names:
        return sorted(os.path.join(CASES, f) for f in os.listdir(CASES) if f.endswith(".py"))
    paths = []
    for n in names:
        n = os.path.basename(n)
        n = n if n.endswith(".py") else n + ".py"
        p = os.path.join(CASES, n)
        if not os.path.exists(p):
            sys.exit(f"golden.py: no case {p}")
        paths.append(p)
    return paths


def regen(paths):
    def one(path):
        out = run_python(path)
        with open(path[:-3] + ".out", "w", encoding="utf-8", newline="") as f:
            f.write(out)
        return path
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path in pool.map(one, paths):
            print(f"wrote {os.path.basename(path)[:-3]}.out")


def check(paths):
    def one(path):
        source = open(path, encoding="utf-8").read()
        mode, _ = header(source)
        try:
            expected = open(path[:-3] + ".out", encoding="utf-8", newline="").read()
        except FileNotFoundError:
            return path, "no .out file", False
        first = None
        # A racy program may need another try; passing on a retry is reported as flaky.
        for attempt in range(3):
            diff = differs(expected, run_python(path), path, mode)
            if diff is None:
                return path, None, attempt > 0
            first = first or diff
        return path, first, False

    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, paths))
    for path, diff, flaky in results:
        name = os.path.basename(path)
        if diff is not None:
            failures += 1
            print(f"MISMATCH {name}: {diff}")
        elif flaky:
            print(f"flaky {name}: matched only on a retry (consider a weaker mode)")
    print(f"golden check: {len(paths) - failures} of {len(paths)} expected outputs match python3")
    return failures == 0


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("regen", "check"):
        sys.exit(__doc__)
    if shutil.which("python3") is None:
        sys.exit("golden.py: python3 not found")
    paths = case_paths(sys.argv[2:])
    if sys.argv[1] == "regen":
        regen(paths)
    else:
        sys.exit(0 if check(paths) else 1)


if __name__ == "__main__":
    main()
