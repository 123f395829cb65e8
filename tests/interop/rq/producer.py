"""Pushes the rig's workload through RQ's own client and prints, as JSON, what it pushed and the
counts per queue that a worker (with --with-scheduler) settles in:
  {"expected": {queue: {"queued", "started", "finished", "failed", "scheduled", "deferred",
   "canceled"}}, "ids": {...}}
  python3 producer.py                 the standard workload
  python3 producer.py QUEUE KIND N    N more jobs of one kind (ok, fail, hold) on QUEUE"""
import json
import sys
from datetime import timedelta

from rq import Queue

from common import QUEUES, connection

conn = connection()


def queue(name):
    return Queue(name, connection=conn)


def main():
    if len(sys.argv) == 4:
        name, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
        ids = [queue(name).enqueue("rqrig_jobs." + kind, i).id for i in range(n)]
        print(json.dumps({"ids": ids}))
        return
    high, default, parked = (queue(n) for n in QUEUES)
    ids = {"failed": [], "scheduled": [], "deferred": [], "parked": []}
    for i in range(6):
        default.enqueue("rqrig_jobs.ok", i)
    for i in range(3):
        ids["failed"].append(default.enqueue("rqrig_jobs.fail", i).id)
    for i in range(2):
        high.enqueue("rqrig_jobs.ok", i)
    ids["failed"].append(high.enqueue("rqrig_jobs.fail", 99).id)
    # Due in two seconds: the worker's scheduler moves it to its queue, and it runs.
    default.enqueue_in(timedelta(seconds=2), "rqrig_jobs.ok", 100)
    # Due in an hour: stays scheduled.
    for i in range(2):
        ids["scheduled"].append(default.enqueue_in(timedelta(hours=1), "rqrig_jobs.ok", i).id)
    # Nobody works qd-parked: its jobs wait, and a job depending on one of them stays deferred.
    parked_jobs = [parked.enqueue("rqrig_jobs.ok", i) for i in range(4)]
    ids["parked"] = [job.id for job in parked_jobs]
    ids["deferred"].append(
        high.enqueue("rqrig_jobs.ok", 7, depends_on=parked_jobs[0]).id)
    expected = {
        "qd-high": {"queued": 0, "started": 0, "finished": 2, "failed": 1, "scheduled": 0,
                    "deferred": 1, "canceled": 0},
        "qd-default": {"queued": 0, "started": 0, "finished": 7, "failed": 3, "scheduled": 2,
                       "deferred": 0, "canceled": 0},
        "qd-parked": {"queued": 4, "started": 0, "finished": 0, "failed": 0, "scheduled": 0,
                      "deferred": 0, "canceled": 0},
    }
    print(json.dumps({"expected": expected, "ids": ids}))


main()
