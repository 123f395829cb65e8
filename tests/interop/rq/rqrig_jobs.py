"""Job functions of the RQ rig, with fixed outcomes so that the settled counts follow from what
was pushed, never from timing. The worker imports this module by name (rqrig_jobs), so the rig
directory must be on its PYTHONPATH."""
import time

import redis
import os


def ok(n=0):
    """Succeeds after a short sleep."""
    time.sleep(0.02)
    return n


def fail(n=0):
    """Fails, unless the rig's key rqrig:fixed is set (a requeued job then succeeds)."""
    conn = redis.Redis.from_url(os.environ["REDIS_URL"])
    if conn.exists("rqrig:fixed"):
        return n
    raise RuntimeError("rqrig: failing on purpose (%s)" % n)


def hold(seconds=1.0):
    """Keeps the worker busy for a while."""
    time.sleep(float(seconds))
    return seconds
