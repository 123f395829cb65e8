"""Counts the results the rig's result backend keeps, by state, as JSON.

  failures.py

Every "celery-task-meta-*" key of the backend's database, each read with Celery's own
AsyncResult(id).state: {"results": N, "FAILURE": n, "SUCCESS": n, ...}.
"""
import json

from rigapp import app


def main():
    prefix = app.backend.task_keyprefix.decode()
    counts = {"results": 0}
    for key in app.backend.client.scan_iter(match=prefix + "*", count=1000):
        task_id = key.decode()[len(prefix):]
        state = app.AsyncResult(task_id).state
        counts["results"] += 1
        counts[state] = counts.get(state, 0) + 1
    print(json.dumps(counts, sort_keys=True))


if __name__ == "__main__":
    main()
