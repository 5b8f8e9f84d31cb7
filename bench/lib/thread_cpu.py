#!/usr/bin/env python3
"""CPU of JVMs by thread group, from /proc/<pid>/task/*/stat: how much is the work, the JIT, the GC, Kafka's threads.

    python3 bench/lib/thread_cpu.py snap OUT.json NAME=PID ...
    python3 bench/lib/thread_cpu.py diff BEFORE.json AFTER.json
"""
import json
import os
import re
import sys
from collections import Counter

# Linux keeps 15 characters of a thread's name: "vert.x-eventloop-thread-0" reads "vert.x-eventloo"
GROUPS = [("c2 compilerthre", "JIT (C2)"), ("c1 compilerthre", "JIT (C1)"), ("gc thread", "GC"), ("g1 ", "GC"),
          ("gc conc", "GC"), ("vert.x-eventloo", "event loops"), ("vert.x-worker-t", "Vert.x workers"),
          ("executor-thread", "worker pool"), ("vert.x-internal", "Vert.x internal"), ("kafka-producer-", "Kafka producer"),
          ("kafka-coordinat", "Kafka consumer"), ("smallrye-kafka-", "Kafka consumer"), ("vert.x-kafka-co", "Kafka consumer"),
          ("i/o dispatcher", "HTTP client I/O"), ("cluster-", "MongoDB driver"), ("nioeventloopgro", "Netty"),
          ("jfr ", "JFR"), ("vm thread", "JVM"), ("vm periodic tas", "JVM"), ("service thread", "JVM"),
          ("mongo-server-wo", "MongoDB-wire workers"), ("data-plane-kafk", "Kafka request handlers")]


def group(comm):
    c = comm.lower()
    for key, label in GROUPS:
        if key in c:
            return label
    return "other: " + re.sub(r"[\d#-]+$", "", comm)


def snap(pairs):
    out = {}
    for name, pid in pairs:
        ticks = Counter()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                s = open(f"/proc/{pid}/task/{t}/stat").read()
            except OSError:
                continue
            comm, fields = s[s.index("(") + 1:s.rindex(")")], s[s.rindex(")") + 2:].split()
            ticks[group(comm)] += int(fields[11]) + int(fields[12])
        out[name] = ticks
    return out


def main():
    if sys.argv[1] == "snap":
        json.dump(snap([a.split("=", 1) for a in sys.argv[3:]]), open(sys.argv[2], "w"))
        return
    before, after = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
    hz = os.sysconf("SC_CLK_TCK")
    for name, groups in after.items():
        d = {k: v - before.get(name, {}).get(k, 0) for k, v in groups.items()}
        total = sum(d.values())
        if total <= 0:
            continue
        parts = ", ".join(f"{k} {100 * v / total:.0f} %" for k, v in sorted(d.items(), key=lambda x: -x[1])[:7] if v > 0)
        print(f"  {name:13s} {total / hz:6.1f} CPU-s: {parts}")


if __name__ == "__main__":
    main()
