#!/usr/bin/env python3
"""Times each bench program under python3 and `proclab run` (best of N runs, wall clock) and prints
the ratios. Not a test: numbers are noisy; compare ratios taken in one run.

usage: bench/native.py [--runs N] [PROCLAB_BIN]
"""
import os, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

def best(cmd, runs):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.join(HERE, "programs"))
        times.append(time.perf_counter() - t)
        out = r.stdout
    return min(times), out

def main():
    args = sys.argv[1:]
    runs = 3
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    binary = args[0] if args else os.path.join(HERE, "..", "target", "release", "proclab")
    print(f"{'program':<14}{'python3 s':>10}{'proclab s':>11}{'ratio':>8}  same output")
    for name in sorted(os.listdir(os.path.join(HERE, "programs"))):
        if not name.endswith(".py"):
            continue
        tp, op = best([sys.executable, name], runs)
        tq, oq = best([binary, "run", name, "--seed", "1"], runs)
        print(f"{name[:-3]:<14}{tp:>10.3f}{tq:>11.3f}{tq / tp:>7.2f}x  {'yes' if op == oq else 'NO'}")

main()
