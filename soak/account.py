"""The account of one soak phase: per user, what was sent, acknowledged and is in MySQL, and the checks.

  account.py PHASE CONSISTENCY INTERVAL_MS ALLOWANCE_MS DRIVER.json MYSQL.tsv EVENTS.tsv TALLY

Strong: acknowledged <= MySQL <= sent, so MySQL == acknowledged when nothing was abandoned.
Eventual: the same, except that Redis may itself lose acknowledged amounts (a restart without
persistence, a failover, a Cluster node restart): lost = acknowledged - MySQL when positive, and it must
not exceed what was acknowledged within one sync interval (plus ALLOWANCE_MS for the flush's own MySQL
transaction) before each such event. In both modes MySQL above sent is an amount counted twice (twice).
TALLY gets "passed failed".
"""
import json, sys


def main(phase, consistency, interval_ms, allowance_ms, driver_path, mysql_path, events_path, tally_path):
    driver = json.load(open(driver_path))
    in_mysql = {}
    for line in open(mysql_path):
        user, counter = line.split()
        in_mysql[int(user)] = int(counter)
    events = [line.rstrip("\n").split("\t") for line in open(events_path) if line.strip()]
    losses = pair(events, "redis-loss-begin", "redis-loss-end")
    outages = pair(events, "mysql-stop", "mysql-start")
    window = interval_ms + allowance_ms
    passed = failed = 0

    def check(ok, text):
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        print(f"  {'ok  ' if ok else 'FAIL'} {text}")

    bound, bound_strict = {}, {}
    for user, amount, first_sent, acked_at, _ in driver["acks"]:
        for begin, end in losses:
            if first_sent <= end and acked_at >= begin - window:
                bound[user] = bound.get(user, 0) + amount
            if first_sent <= end and acked_at >= begin - interval_ms:
                bound_strict[user] = bound_strict.get(user, 0) + amount

    print(f"account of {phase} ({consistency}, sync interval {interval_ms} ms):")
    print(f"  {'user':>8} {'acknowledged':>12} {'sent':>8} {'abandoned':>9} {'failed':>6} {'in MySQL':>9} {'lost':>6} "
          f"{'bound':>6} {'twice':>6}  result")
    total = {"acknowledged": 0, "sent": 0, "abandoned": 0, "failed": 0, "mysql": 0, "lost": 0, "bound": 0, "twice": 0, "strict": 0}
    bad_users = []
    for key in sorted(driver["users"], key=int):
        user, row = int(key), driver["users"][key]
        acked, sent, abandoned, failed_attempts = row["acknowledged"], row["sent"], row["abandoned"], row["failed_attempts"]
        mysql = in_mysql.get(user)
        lost = max(0, acked - mysql) if mysql is not None else 0
        twice = max(0, mysql - sent) if mysql is not None else 0
        allowed = bound.get(user, 0) if consistency == "eventual" else 0
        ok = mysql is not None and twice == 0 and lost <= allowed
        if not ok:
            bad_users.append(user)
        for name, value in (("acknowledged", acked), ("sent", sent), ("abandoned", abandoned), ("failed", failed_attempts),
                            ("mysql", mysql or 0), ("lost", lost), ("bound", allowed), ("twice", twice)):
            total[name] += value
        total["strict"] += bound_strict.get(user, 0) if consistency == "eventual" else 0
        print(f"  {user:>8} {acked:>12} {sent:>8} {abandoned:>9} {failed_attempts:>6} {str(mysql):>9} {lost:>6} "
              f"{allowed:>6} {twice:>6}  "
              f"{'ok' if ok else 'FAIL'}")
    print(f"  {'total':>8} {total['acknowledged']:>12} {total['sent']:>8} {total['abandoned']:>9} {total['failed']:>6} "
          f"{total['mysql']:>9} {total['lost']:>6} {total['bound']:>6} {total['twice']:>6}")
    print("checks:")
    rule = ("acknowledged <= MySQL <= sent (== acknowledged when nothing was abandoned)" if consistency == "strong"
            else "acknowledged - lost <= MySQL <= sent, lost <= bound")
    check(not bad_users, f"every user of {len(driver['users'])}: {rule}"
          + (f"; failing users {bad_users[:10]}" if bad_users else ""))
    check(total["twice"] == 0, f"nothing counted twice: MySQL exceeds sent by {total['twice']} in total")
    check(not driver["rejections"], "no increment was refused with a 4xx"
          + (f": {driver['rejections'][:3]}" if driver["rejections"] else ""))
    check(total["acknowledged"] > 0, f"the load was acknowledged at all ({total['acknowledged']})")
    for begin, end in outages:
        # an attempt sent after the kill and answered before the restart cannot have been committed: exact
        # whatever the machine's load, unlike the time of the answer alone (a commit's answer can be read late)
        sent_and_acked = [a for a in driver["acks"] if begin <= a[4] and a[3] <= end]
        if consistency == "strong":
            check(not sent_and_acked, f"MySQL down {(end - begin) / 1000:.1f}s: no Strong increment sent meanwhile was "
                                      f"acknowledged meanwhile ({len(sent_and_acked)})")
        else:
            check(bool(sent_and_acked), f"MySQL down {(end - begin) / 1000:.1f}s: Eventual kept acknowledging "
                                        f"({len(sent_and_acked)} increments sent meanwhile)")
    if consistency == "eventual" and losses:
        check(total["lost"] <= total["bound"],
              f"Redis lost {total['lost']} acknowledged over {len(losses)} Redis fault(s); bound {total['bound']} "
              f"(acknowledged within {window} ms before a fault; within exactly one interval: {total['strict']})")
    with open(tally_path, "w") as out:
        out.write(f"{passed} {failed}\n")


def pair(events, start, stop):
    """[begin_ms, end_ms] of each start/stop pair of events."""
    spans, begin = [], None
    for at, kind, *_ in events:
        if kind == start:
            begin = int(at)
        elif kind == stop and begin is not None:
            spans.append((begin, int(at)))
            begin = None
    return spans


if __name__ == "__main__":
    if len(sys.argv) != 9:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:])
