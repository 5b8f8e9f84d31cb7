#!/usr/bin/env python3
"""bench/run-notifications' measurements, after a burst of orders placed from START_MS (epoch ms) on:

    python3 bench/lib/notifications.py wait   START_MS N TIMEOUT_S   waits until the N orders' emails are all sent
    python3 bench/lib/notifications.py smtp   N CONCURRENCY          N emails straight to the mail server (raw SMTP)
    python3 bench/lib/notifications.py report START_MS N CPU_TICKS SMTP_JSON OUT

The emails' rows come from notification-service's own tables through psql (notification: one row per event,
recipient and type, sent_at when the SMTP server took it; order_fact: when each order was placed), the mails
themselves from the mail server's HTTP API (GreenMail): every order's emails are counted in the recipients'
mailboxes, so a duplicate is seen where users would see it. Connection settings: PGHOST/PGPORT (localhost:5432),
MAIL_API (http://localhost:3080), SMTP (localhost:3025).
"""
import json
import os
import smtplib
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import EmailMessage

MAIL_API = os.environ.get("MAIL_API", "http://localhost:3080")
SMTP = os.environ.get("SMTP", "localhost:3025")
# the types one paid order asks for: the buyer's confirmation and, per seller group, the seller's new order
TYPES = ("BUYER_ORDER_CONFIRMED", "SELLER_NEW_ORDER")


def rows(start_ms):
    """The emails of orders placed since start_ms: (order id, type, recipient, status, placed ms, created ms, sent ms)."""
    env = dict(os.environ, PGPASSWORD="bazaar_notification")
    sql = ("SELECT n.data->>'orderId', n.type, n.recipient_subject, n.status, "
           "(extract(epoch FROM f.placed_at) * 1000)::bigint, (extract(epoch FROM n.created_at) * 1000)::bigint, "
           "(extract(epoch FROM n.sent_at) * 1000)::bigint FROM order_fact f JOIN notification n "
           "ON n.data->>'orderId' = f.order_id::text AND n.type IN ('BUYER_ORDER_CONFIRMED', 'SELLER_NEW_ORDER') "
           "WHERE f.placed_at >= to_timestamp(%d / 1000.0)" % int(start_ms))
    r = subprocess.run(["psql", "-h", os.environ.get("PGHOST", "localhost"), "-p", os.environ.get("PGPORT", "5432"),
                        "-U", "bazaar_notification", "-d", "notifications", "-At", "-F", "\t", "-c", sql], env=env,
                       capture_output=True, text=True, check=True)
    out = []
    for line in r.stdout.splitlines():
        o, t, who, status, placed, created, sent = line.split("\t")
        out.append((o, t, who, status, int(placed), int(created), int(sent) if sent else None))
    return out


def wait(start_ms, n, timeout):
    deadline = time.time() + timeout
    while True:
        rs = rows(start_ms)
        sent = {(r[0], r[1]) for r in rs if r[3] == "SENT"}
        ids = {r[0] for r in rs}
        done = sum(1 for o in ids if all((o, t) in sent for t in TYPES))
        waiting = sum(1 for r in rs if r[3] in ("QUEUED", "FAILED_RETRYING"))
        print(f"    {done}/{n} orders with both emails sent; {waiting} sends waiting", file=sys.stderr)
        if (done >= n and waiting == 0) or time.time() > deadline:
            return
        time.sleep(2)


def smtp(n, concurrency):
    host, port = SMTP.rsplit(":", 1)
    per = [n // concurrency + (1 if i < n % concurrency else 0) for i in range(concurrency)]
    failures = []

    def worker(count, w):
        with smtplib.SMTP(host, int(port), timeout=30) as s:
            for i in range(count):
                m = EmailMessage()
                m["From"] = "Bazaar <no-reply@bazaar.test>"
                m["To"] = "bench-smtp@bazaar.test"
                m["Subject"] = f"raw SMTP bench {w}-{i}"
                m.set_content("x" * 1500)
                try:
                    s.send_message(m)
                except smtplib.SMTPException as e:
                    failures.append(str(e))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(c, w)) for w, c in enumerate(per)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    print(json.dumps({"emails": n, "concurrency": concurrency, "seconds": round(took, 2),
                      "per_second": round(n / took, 1), "failures": len(failures)}))


def mailbox_counts(refs):
    """How many mails in the server's mailboxes name each order's reference in their subject."""
    with urllib.request.urlopen(MAIL_API + "/api/user", timeout=30) as r:
        users = json.load(r)
    counts = {ref: 0 for ref in refs}
    for u in users:
        address = u.get("email") or u.get("login")
        if not address or address.startswith("bench-smtp"):
            continue
        url = MAIL_API + "/api/user/" + urllib.parse.quote(address) + "/messages/INBOX"
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                mails = json.load(r)
        except urllib.error.HTTPError:
            continue
        for m in mails:
            subject = m.get("subject") or ""
            for word in subject.replace(":", " ").split():
                if word in counts:
                    counts[word] += 1
    return counts


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    i = max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))
    return s[int(i)]


def report(start_ms, n, cpu_ticks, smtp_json, out):
    rs = rows(start_ms)
    sent = [r for r in rs if r[3] == "SENT"]
    ids = {r[0] for r in rs}
    hz = os.sysconf("SC_CLK_TCK")
    lag = [r[6] - r[4] for r in sent]
    queued = [r[6] - r[5] for r in sent]
    first_placed, last_placed = min(r[4] for r in rs), max(r[4] for r in rs)
    first, last = min(r[6] for r in sent), max(r[6] for r in sent)
    planned = {}
    for r in rs:
        ref = r[0][:8].upper()
        planned[ref] = planned.get(ref, 0) + 1
    counts = mailbox_counts(planned)
    raw = json.loads(smtp_json)
    rate = len(sent) / max((last - first) / 1000, 0.001)
    result = {
        "orders": int(n),
        "orders_seen_by_notification": len(ids),
        "orders_placed_over_s": round((last_placed - first_placed) / 1000, 1),
        "emails_planned": len(rs),
        "emails_sent": len(sent),
        "emails_not_sent": {s: sum(1 for r in rs if r[3] == s) for s in ("QUEUED", "FAILED_RETRYING", "DEAD")},
        "orders_missing_an_email": sum(1 for o in ids if sum(1 for r in sent if r[0] == o) < len(TYPES)),
        "mailbox": {"mails_found": sum(counts.values()),
                    "orders_with_duplicates": sum(1 for ref, c in counts.items() if c > planned[ref]),
                    "orders_with_fewer": sum(1 for ref, c in counts.items() if c < planned[ref])},
        "send_rate_per_s": round(rate, 1),
        "sending_lasted_s": round((last - first) / 1000, 1),
        "last_email_after_last_order_s": round((last - last_placed) / 1000, 1),
        "lag_placed_to_sent_ms": {"p50": pct(lag, 50), "p95": pct(lag, 95), "p99": pct(lag, 99), "max": max(lag)},
        "queued_to_sent_ms": {"p50": pct(queued, 50), "p95": pct(queued, 95), "p99": pct(queued, 99)},
        "notification_cpu_ms_per_email": round(int(cpu_ticks) * 1000 / hz / max(len(sent), 1), 2),
        "raw_smtp": raw,
        "ratio_send_rate_to_raw_smtp": round(rate / raw["per_second"], 3),
    }
    json.dump(result, open(out, "w"), indent=2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "wait":
        wait(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "smtp":
        smtp(int(sys.argv[2]), int(sys.argv[3]))
    elif cmd == "report":
        report(*sys.argv[2:7])
    else:
        sys.exit(__doc__)
