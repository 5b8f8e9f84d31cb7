#!/usr/bin/env python3
"""CPU and memory of the platform's processes while bench/run measures: every second, for each NAME=PID given, one
line "epoch name cpu_seconds rss_kib" (cpu = user + system time so far, from /proc/PID/stat). Runs until killed.

    python3 bench/lib/sample.py OUT.tsv catalog=1234 cart=1235 ...
"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def read(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15 of proc(5))
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return cpu, rss


def main():
    out = sys.argv[1]
    procs = [a.split("=", 1) for a in sys.argv[2:]]
    with open(out, "a", buffering=1) as f:
        while True:
            now = time.time()
            for name, pid in procs:
                try:
                    cpu, rss = read(pid)
                except (OSError, IndexError, ValueError):
                    continue
                f.write(f"{now:.3f}\t{name}\t{cpu:.2f}\t{rss}\n")
            time.sleep(max(0.0, 1.0 - (time.time() - now)))


if __name__ == "__main__":
    main()
