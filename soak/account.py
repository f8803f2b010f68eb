"""The account of one soak phase: per user, what was sent, acknowledged and is in MySQL, and the checks.

  account.py PHASE CONSISTENCY INTERVAL_MS ALLOWANCE_MS DRIVER.json READS.json MYSQL.tsv EVENTS.tsv TALLY

Amounts, not requests. An increment is acknowledged (2xx), refused (a deleted user's 404) or unknown
(abandoned: no answer or a 5xx, and never acknowledged by a retry; it may or may not have counted). Times are
the driver's epoch ms. Every user has one of three roles:

Plain users (increments only): acknowledged - lost <= MySQL <= sent. lost = acknowledged - MySQL when positive,
twice = MySQL - sent when positive.

Set users (increments, and sets one at a time, never retried, each a value of its own that is a multiple of
SET_STEP). The final value starts from the last set that took effect; candidates are the last acknowledged
set L and every set without an answer (unknown: it may have landed at any time after it was sent). The
candidate is the one whose value X satisfies X <= MySQL < X + SET_STEP (no increment adds SET_STEP in a phase);
without one, L (or, when no set was acknowledged, no set at all: the plain rule). For candidate X sent at s
and answered at a (a = never for an unknown set):
  low  = X + increments acknowledged whose first attempt was sent after a (they began after the set ended)
  high = X + increments acknowledged at or after s + every unknown increment (one acknowledged before s was
         sent is overridden by the set; one concurrent with it may or may not count)
lost = low - MySQL when positive, twice = MySQL - high when positive; only the increments low counts make up
the set user's loss bound.

Delete users (increments, then one delete, retried until a 200 or a 404 showing an earlier attempt deleted it).
Once the delete was answered: no increment whose acknowledged attempt was sent afterwards is acknowledged
(they must be refused with 404), every read sent afterwards (`/users/{id}`, `/users/{id}/count`) answers 404,
MySQL has no row, and after the final flush every replica answers 404 to both reads.

Bounds, in every role: twice must be 0 in both modes. Strong: lost must be 0. Eventual: Redis may itself lose
acknowledged amounts (a restart without persistence, a failover, a Cluster node restart); lost must not exceed
the user's bound, what was acknowledged within one sync interval (plus ALLOWANCE_MS for the flush's own MySQL
transaction) before each such event or during it, and the phase's total loss must not exceed the total bound.
A connection kill (`CLIENT KILL`, MariaDB `KILL`) loses nothing by itself, so it widens no bound.
TALLY gets "passed failed".
"""
import json, sys


def main(phase, consistency, interval_ms, allowance_ms, driver_path, reads_path, mysql_path, events_path, tally_path):
    driver = json.load(open(driver_path))
    final_reads = json.load(open(reads_path))["reads"]
    in_mysql = {}
    for line in open(mysql_path):
        user, counter = line.split()
        in_mysql[int(user)] = int(counter)
    events = [line.rstrip("\n").split("\t") for line in open(events_path) if line.strip()]
    losses = pair(events, "redis-loss-begin", "redis-loss-end")
    outages = pair(events, "mysql-stop", "mysql-start")
    window = interval_ms + allowance_ms
    set_users, delete_users = set(driver["set_users"]), {int(u) for u in driver["delete_users"]}
    passed = failed = 0

    def check(ok, text):
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        print(f"  {'ok  ' if ok else 'FAIL'} {text}")

    def loss_bound(acks, width):
        """what of these acknowledged increments Redis may have lost: acknowledged within width before a
        Redis fault or during it"""
        return sum(a[1] for a in acks if any(a[2] <= end and a[3] >= begin - width for begin, end in losses))

    acks_of, abandons_of = group(driver["acks"]), group(driver["abandons"])

    print(f"account of {phase} ({consistency}, sync interval {interval_ms} ms):")
    print(f"  {'user':>8} {'role':>6} {'acknowledged':>12} {'sent':>8} {'refused':>7} {'abandoned':>9} {'failed':>6} "
          f"{'expected':>21} {'in MySQL':>9} {'lost':>6} {'bound':>6} {'twice':>6}  result")
    total = dict.fromkeys(("acknowledged", "sent", "refused", "abandoned", "failed", "mysql", "lost", "bound", "twice",
                           "strict"), 0)
    bad = {"plain": [], "set": [], "delete": []}
    for key in sorted(driver["users"], key=int):
        user, row = int(key), driver["users"][key]
        mysql = in_mysql.get(user)
        counted = acks_of.get(user, [])  # the acknowledged increments low counts, so the ones Redis may lose
        if user in delete_users:
            role, low, high, note = "delete", None, None, deleted_user(user, driver, mysql, final_reads)
            counted = []
            lost = twice = allowed = 0
            ok = note.startswith("ok")
        else:
            if user in set_users:
                role = "set"
                low, high, note, counted = set_user(user, driver, mysql, counted, abandons_of.get(user, []))
            else:
                role, low, high, note = "plain", row["acknowledged"], row["sent"], "ok"
            allowed = loss_bound(counted, window) if consistency == "eventual" else 0
            lost = max(0, low - mysql) if mysql is not None else 0
            twice = max(0, mysql - high) if mysql is not None else 0
            ok = mysql is not None and twice == 0 and lost <= allowed
            note = note if ok or mysql is None else "FAIL" + note[2:]
            if mysql is None:
                note = "FAIL no row in MySQL"
        if not ok:
            bad[role].append(user)
        for name, value in (("acknowledged", row["acknowledged"]), ("sent", row["sent"]), ("refused", row["refused"]),
                            ("abandoned", row["abandoned"]), ("failed", row["failed_attempts"]),
                            ("mysql", mysql or 0), ("lost", lost), ("bound", allowed), ("twice", twice)):
            total[name] += value
        total["strict"] += loss_bound(counted, interval_ms) if consistency == "eventual" else 0
        expected = "-" if low is None else f"{low}..{high}"
        print(f"  {user:>8} {role:>6} {row['acknowledged']:>12} {row['sent']:>8} {row['refused']:>7} "
              f"{row['abandoned']:>9} {row['failed_attempts']:>6} {expected:>21} {str(mysql) if mysql is not None else '-':>9} "
              f"{lost:>6} {allowed:>6} {twice:>6}  {note}")
    print(f"  {'total':>8} {'':>6} {total['acknowledged']:>12} {total['sent']:>8} {total['refused']:>7} "
          f"{total['abandoned']:>9} {total['failed']:>6} {'':>21} {total['mysql']:>9} {total['lost']:>6} "
          f"{total['bound']:>6} {total['twice']:>6}")
    print("checks:")
    loss_rule = "lost = 0" if consistency == "strong" else "lost <= bound"
    counts = {role: sum(1 for u in driver["users"] if role_of(int(u), set_users, delete_users) == role)
              for role in bad}
    check(not bad["plain"], f"every plain user of {counts['plain']}: acknowledged - lost <= MySQL <= sent, {loss_rule}"
          + (f"; failing users {bad['plain'][:10]}" if bad["plain"] else ""))
    if set_users:
        check(not bad["set"], f"every set user of {counts['set']}: set value + acknowledged after the set's answer "
                              f"- lost <= MySQL <= set value + acknowledged since it was sent + unknown, {loss_rule}"
              + (f"; failing users {bad['set'][:10]}" if bad["set"] else ""))
        answered = [s for s in driver["sets"] if s[4] is not None and 200 <= s[4] < 300]
        unknown = [s for s in driver["sets"] if s[4] is None or s[4] >= 500]
        check(bool(answered), f"sets ran next to the increments: {len(driver['sets'])} sent, {len(answered)} "
                              f"acknowledged, {len(unknown)} unknown")
    if delete_users:
        check(not bad["delete"], f"every delete user of {counts['delete']}: once its delete was answered, no increment "
                                 f"sent afterwards acknowledged, every read 404, no row in MySQL, 404 on every "
                                 f"replica after the final flush"
              + (f"; failing users {bad['delete'][:10]}" if bad["delete"] else ""))
        refused_after = sum(1 for r in driver["refusals"] if int(r[0]) in delete_users)
        check(len(driver["deletes"]) == len(delete_users),
              f"deletes ran next to the increments: {len(driver['deletes'])} of {len(delete_users)} users deleted, "
              f"{refused_after} increments refused with 404, {len(driver['reads'])} reads of deleted users")
    check(total["twice"] == 0, f"nothing counted twice: MySQL exceeds the expected maximum by {total['twice']} in total")
    check(not driver["rejections"], "no increment, set or delete was refused with an unexpected 4xx"
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
    kills = [e for e in events if e[1] == "connection-kill"]
    if kills:
        redis_killed = sum(int(e[2].split()[0]) for e in kills)
        mariadb_killed = sum(int(e[2].split()[1]) for e in kills)
        check(redis_killed > 0, f"connection kills: {redis_killed} Redis client connections and {mariadb_killed} "
                                f"MariaDB connections of the replicas killed in {len(kills)} rounds")
    if consistency == "eventual" and losses:
        check(total["lost"] <= total["bound"],
              f"Redis lost {total['lost']} acknowledged over {len(losses)} Redis fault(s); bound {total['bound']} "
              f"(acknowledged within {window} ms before a fault; within exactly one interval: {total['strict']})")
    elif consistency == "eventual":
        check(total["lost"] == 0, f"no Redis fault, so nothing lost ({total['lost']})")
    with open(tally_path, "w") as out:
        out.write(f"{passed} {failed}\n")


def set_user(user, driver, mysql, acks, abandons):
    """(low, high, note, the acknowledged increments low counts) of a set user: see the module docstring."""
    step = driver["set_step"]
    sets = [s for s in driver["sets"] if int(s[0]) == user]
    answered = [s for s in sets if s[4] is not None and 200 <= s[4] < 300]
    unknown = [s for s in sets if s[4] is None or s[4] >= 500]
    candidates = ([answered[-1]] if answered else []) + unknown
    chosen = next((s for s in candidates if mysql is not None and s[1] <= mysql < s[1] + step), None)
    if chosen is None and not answered:
        low = sum(a[1] for a in acks)
        high = low + sum(a[1] for a in abandons)
        return low, high, f"ok no set took effect ({len(sets)} sent)", acks
    chosen = chosen or answered[-1]
    # a set answered 5xx is unknown as well: it may have committed, and its Redis step may still run later
    value, sent, answered_at = chosen[1], chosen[2], chosen[3] if chosen in answered else None
    after = [a for a in acks if answered_at is not None and a[2] > answered_at]
    since = sum(a[1] for a in acks if a[3] >= sent) + sum(a[1] for a in abandons)
    how = "last acknowledged" if chosen is (answered[-1] if answered else None) else "unknown"
    return (value + sum(a[1] for a in after), value + since,
            f"ok from {how} set {value} ({len(sets)} sets, {len(unknown)} unknown)", after)


def deleted_user(user, driver, mysql, final_reads):
    """'ok ...' or 'FAIL ...' for a delete user: see the module docstring."""
    record = driver["deletes"].get(str(user))
    if record is None or record["answered"] is None:
        return "FAIL never deleted" if record is None else f"FAIL delete never answered ({record['attempts']} attempts)"
    done = record["answered"]
    late_acks = [a for a in driver["acks"] if a[0] == user and a[4] > done]
    late_reads = [r for r in driver["reads"] if r[0] == user and r[2] > done and r[3] != 404 and r[3] is not None
                  and r[3] < 500]
    final = [r for r in final_reads if r[0] == user and r[3] != 404]
    problems = []
    if late_acks:
        problems.append(f"{len(late_acks)} increments ({sum(a[1] for a in late_acks)}) acknowledged after the delete")
    if late_reads:
        problems.append(f"{len(late_reads)} reads answered {sorted({r[3] for r in late_reads})} after the delete")
    if mysql is not None:
        problems.append(f"MySQL still has the row ({mysql})")
    if final:
        problems.append(f"after the flush {', '.join(f'{r[1]} answered {r[3]}' for r in final[:2])}")
    if problems:
        return "FAIL " + "; ".join(problems)
    refused = sum(1 for r in driver["refusals"] if r[0] == user)
    return f"ok deleted ({record['status']} after {record['attempts']} attempt(s)), {refused} refused after"


def role_of(user, set_users, delete_users):
    return "set" if user in set_users else "delete" if user in delete_users else "plain"


def group(rows):
    """rows whose first field is a user, by user."""
    by_user = {}
    for row in rows:
        by_user.setdefault(int(row[0]), []).append(row)
    return by_user


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
    if len(sys.argv) != 10:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:])
