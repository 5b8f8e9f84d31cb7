#!/usr/bin/env python3
"""CPU and memory of the platform's processes while bench/run measures: every second, for each NAME=PID given, one
line "epoch name cpu_seconds rss_kib" — cpu = user + system time so far of the process and of its children that are
alive (PostgreSQL's backends, OpenSearch's and Keycloak's launchers), from /proc/PID/stat; rss of the process itself
(summing a tree would count PostgreSQL's shared buffers once per backend). Runs
until killed (a finished child's time is not counted: a backend that exits mid-run only loses the part after its
last sample).

    python3 bench/lib/sample.py OUT.tsv catalog=1234 cart=1235 ...
"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # ppid, utime + stime (fields 4, 14 and 15 of proc(5)), rss in pages (field 24)
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, int(fields[21]) * PAGE_KIB


PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree():
    """pid -> (ppid, cpu seconds, rss KiB) of every process."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                out[int(d)] = stat(d)
            except (OSError, IndexError, ValueError):
                pass
    return out


def read(pid, procs):
    children = {}
    for p, (ppid, _, _) in procs.items():
        children.setdefault(ppid, []).append(p)
    cpu = 0
    todo = [int(pid)]
    while todo:
        p = todo.pop()
        if p in procs:
            cpu += procs[p][1]
            todo.extend(children.get(p, []))
    return cpu, procs[int(pid)][2]


def main():
    out = sys.argv[1]
    procs = [a.split("=", 1) for a in sys.argv[2:] if a.split("=", 1)[-1].isdigit()]
    with open(out, "a", buffering=1) as f:
        while True:
            now = time.time()
            everything = tree()
            for name, pid in procs:
                if int(pid) not in everything:
                    continue
                cpu, rss = read(pid, everything)
                f.write(f"{now:.3f}\t{name}\t{cpu:.2f}\t{rss}\n")
            time.sleep(max(0.0, 1.0 - (time.time() - now)))


if __name__ == "__main__":
    main()
