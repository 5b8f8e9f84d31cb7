#!/usr/bin/env python3
"""What a JFR recording's CPU samples (jdk.ExecutionSample) were doing, as text for a note or an ADR.

    python3 bench/lib/jfr_summary.py FILE.jfr [top=15]

Prints three lists: by area (the first library frame from the top of each sampled stack, so time in Jackson called by
the Kafka client counts as the Kafka client's), inclusive (samples with the area anywhere on the stack), and the top
frames by self time. Needs a JDK's `jfr` tool (JAVA_HOME, else the one on PATH). JFR samples Java threads only: GC and
the JIT compilers are in bench/profile's thread-group CPU instead; the recording's GC pauses (jdk.GarbageCollection:
how many, their total, the longest, how many over 10 ms) close the summary, for latency tails.
"""
import collections
import json
import os
import re
import subprocess
import sys

# the first matching prefix names the area; plumbing (Mutiny, Vert.x, Netty, the JDK) only when nothing else matched
AREAS = [("Kafka client", "org.apache.kafka."), ("PostgreSQL client", "io.vertx.pgclient."),
         ("Hibernate", "org.hibernate."), ("MongoDB driver", "com.mongodb."), ("MongoDB driver", "org.bson."),
         ("OpenSearch REST client", "org.elasticsearch."), ("Apache HTTP async", "org.apache.http."),
         ("Jackson", "com.fasterxml.jackson."), ("OpenTelemetry", "io.opentelemetry."), ("Micrometer", "io.micrometer."),
         ("OIDC / JWT", "io.quarkus.oidc."), ("OIDC / JWT", "org.jose4j."), ("SmallRye JWT", "io.smallrye.jwt."),
         ("RESTEasy Reactive", "org.jboss.resteasy.reactive."), ("Reactive Messaging", "io.smallrye.reactive.messaging."),
         ("Fault Tolerance", "io.smallrye.faulttolerance."), ("Bazaar code", "dev.bazaar."), ("ArC (CDI)", "io.quarkus.arc."),
         ("crypto", "sun.security."), ("crypto", "javax.crypto.")]
PLUMBING = [("Mutiny", "io.smallrye.mutiny."), ("Vert.x core", "io.vertx.core."), ("Netty", "io.netty."),
            ("JDK", "java."), ("JDK", "jdk."), ("JDK", "sun.")]


def area(names, table):
    for name in names:
        for label, prefix in table:
            if name.startswith(prefix):
                return label
    return None


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    jfr = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    first, inclusive, self_time, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for event in json.loads(out)["recording"]["events"]:
        stack = event["values"].get("stackTrace")
        if not stack or not stack["frames"]:
            continue
        total += 1
        frames = [(f["method"]["type"]["name"].replace("/", "."), f["method"]["name"]) for f in stack["frames"]]
        names = [t for t, _ in frames]
        self_time[frames[0][0] + "." + frames[0][1]] += 1
        first[area(names, AREAS) or area(names, PLUMBING) or "other"] += 1
        for label in {label for n in names for label, prefix in AREAS + PLUMBING if n.startswith(prefix)}:
            inclusive[label] += 1
    if not total:
        sys.exit(f"{path}: no CPU samples")
    print(f"{os.path.basename(path)}: {total} CPU samples")
    for title, counter, n in (("by area (first library frame from the top)", first, 12),
                              ("inclusive (area anywhere on the stack)", inclusive, 12), ("top frames (self)", self_time, top)):
        print(f"  {title}:")
        for key, count in counter.most_common(n):
            print(f"    {100 * count / total:5.1f} %  {key}")
    gc_pauses(jfr, path)


def millis(duration):
    """A JFR JSON duration ("PT0.0273S", "PT1M2.5S") in milliseconds."""
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", duration or "")
    if not m:
        return 0.0
    h, mi, sec = m.groups()
    return ((int(h or 0) * 60 + int(mi or 0)) * 60 + float(sec or 0)) * 1000


def gc_pauses(jfr, path):
    out = subprocess.run([jfr, "print", "--json", "--events", "jdk.GarbageCollection", path],
                         capture_output=True, text=True, check=True).stdout
    events = [e["values"] for e in json.loads(out)["recording"]["events"]]
    if not events:
        print("  GC: no collections recorded")
        return
    pauses = [millis(e.get("sumOfPauses")) for e in events]
    longest = max(millis(e.get("longestPause")) for e in events)
    kinds = collections.Counter(e.get("name") for e in events)
    print(f"  GC: {len(events)} collections ({', '.join(f'{n} {k}' for k, n in kinds.most_common())}), pauses "
          f"{sum(pauses):.0f} ms in all, longest {longest:.1f} ms, {sum(1 for p in pauses if p > 10)} over 10 ms")


if __name__ == "__main__":
    main()
