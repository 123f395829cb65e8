"""The Celery application of QueueDeck's interop rig: a Redis broker and a Redis result backend.

REDIS_URL names the broker (default redis://127.0.0.1:6379/0); RESULT_URL the result backend
(default: the broker's server, database 1); KEYPREFIX, when set, is kombu's global_keyprefix
transport option (every broker key and event channel starts with it). Tasks:
  rig.ok(n)         returns n
  rig.fail(n)       raises, so its result is FAILURE
  rig.slow(seconds) sleeps, then returns the seconds
"""
import os
import time

from celery import Celery

BROKER = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
RESULTS = os.environ.get("RESULT_URL", BROKER.rsplit("/", 1)[0] + "/1")

app = Celery("qdrig", broker=BROKER, backend=RESULTS)
app.conf.update(
    # One message in hand per worker slot, so that what waits stays in the queue's lists.
    worker_prefetch_multiplier=1,
    task_acks_late=False,
    broker_connection_retry_on_startup=True,
    result_expires=None,
)
if os.environ.get("KEYPREFIX"):
    app.conf.broker_transport_options = {"global_keyprefix": os.environ["KEYPREFIX"]}


@app.task(name="rig.ok")
def ok(n):
    return n


@app.task(name="rig.fail")
def fail(n):
    raise RuntimeError(f"task {n} fails on purpose")


@app.task(name="rig.slow")
def slow(seconds):
    time.sleep(seconds)
    return seconds
