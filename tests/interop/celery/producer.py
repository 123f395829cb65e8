"""Sends the rig's tasks and prints their ids as JSON.

  producer.py [--queue Q] [--ok N] [--fail N] [--eta N] [--slow N --seconds S]
              [--priorities 0,3,6,9] [--wait]

--eta sends tasks with a 10-minute countdown (a worker holds them in kombu's unacked hash);
--priorities cycles the given priorities over every task sent; --wait waits for every ok
task's result and exits non-zero unless each one succeeded.
"""
import argparse
import itertools
import json
import sys

from rigapp import app, fail, ok, slow


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--queue", default="celery")
    p.add_argument("--ok", type=int, default=0)
    p.add_argument("--fail", type=int, default=0)
    p.add_argument("--eta", type=int, default=0)
    p.add_argument("--slow", type=int, default=0)
    p.add_argument("--seconds", type=float, default=1.0)
    p.add_argument("--priorities", default="")
    p.add_argument("--wait", action="store_true")
    a = p.parse_args()
    priorities = itertools.cycle([int(x) for x in a.priorities.split(",")] if a.priorities else [None])

    def send(task, arg, **options):
        priority = next(priorities)
        if priority is not None:
            options["priority"] = priority
        return task.apply_async((arg,), queue=a.queue, **options)

    sent = {"ok": [], "fail": [], "eta": [], "slow": []}
    for i in range(a.ok):
        sent["ok"].append(send(ok, i))
    for i in range(a.fail):
        sent["fail"].append(send(fail, i))
    for i in range(a.eta):
        sent["eta"].append(send(ok, i, countdown=600))
    for _ in range(a.slow):
        sent["slow"].append(send(slow, a.seconds))
    if a.wait:
        for result in sent["ok"]:
            if result.get(timeout=30) is None:
                sys.exit(1)
    print(json.dumps({kind: [r.id for r in results] for kind, results in sent.items()}))


if __name__ == "__main__":
    main()
