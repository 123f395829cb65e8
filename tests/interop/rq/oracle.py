"""Prints what RQ's own API reports right now, as one JSON object:
  {"queues": {name: {"queued": Queue.count, "started": len(StartedJobRegistry), ...}},
   "workers": [{"name", "state", "current_job", "successful", "failed", "queues", "hostname",
                "pid"}], "suspended": bool}
  python3 oracle.py                 every queue of Queue.all()
  python3 oracle.py --job ID ...    each job's get_status() ({id: status}, null when gone)

Not read-only in general: a registry's count runs its cleanup first (expired entries of wip move
to failed, expired finished and failed entries are dropped), and Worker.all() removes the names
of workers whose hash has expired from rq:workers. On the settled rig nothing has expired, so
those writes change nothing (the smoke test checks this with DEBUG DIGEST)."""
import json
import sys

from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import (CanceledJobRegistry, DeferredJobRegistry, FailedJobRegistry,
                         FinishedJobRegistry, ScheduledJobRegistry, StartedJobRegistry)
from rq.suspension import is_suspended

from common import connection

conn = connection()


def job_statuses(ids):
    out = {}
    for job_id in ids:
        try:
            out[job_id] = Job.fetch(job_id, connection=conn).get_status()
        except NoSuchJobError:
            out[job_id] = None
    return out


def snapshot():
    queues = {}
    for q in Queue.all(connection=conn):
        queues[q.name] = {
            "queued": q.count,
            "started": len(StartedJobRegistry(queue=q)),
            "finished": len(FinishedJobRegistry(queue=q)),
            "failed": len(FailedJobRegistry(queue=q)),
            "scheduled": len(ScheduledJobRegistry(queue=q)),
            "deferred": len(DeferredJobRegistry(queue=q)),
            "canceled": len(CanceledJobRegistry(queue=q)),
            "failed_ids": FailedJobRegistry(queue=q).get_job_ids(),
        }
    workers = []
    for w in Worker.all(connection=conn):
        workers.append({
            "name": w.name,
            "state": w.get_state(),
            "current_job": w.get_current_job_id(),
            "successful": w.successful_job_count,
            "failed": w.failed_job_count,
            "queues": w.queue_names(),
            "hostname": w.hostname,
            "pid": w.pid,
        })
    workers.sort(key=lambda w: w["name"])
    return {"queues": queues, "workers": workers, "suspended": bool(is_suspended(conn))}


if len(sys.argv) > 2 and sys.argv[1] == "--job":
    print(json.dumps(job_statuses(sys.argv[2:])))
else:
    print(json.dumps(snapshot()))
