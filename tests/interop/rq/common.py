"""What the RQ rig's scripts share: the Redis connection (REDIS_URL, a database number
included) and the queue names."""
import os

import redis

QUEUES = ["qd-high", "qd-default", "qd-parked"]
# The queues the rig's workers listen on; qd-parked has none, so its jobs wait.
WORKED = ["qd-high", "qd-default"]


def connection():
    return redis.Redis.from_url(os.environ["REDIS_URL"])
