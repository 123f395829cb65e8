"""Prints Celery's own view of the rig's deployment as JSON.

  oracle.py [QUEUE...]

"queues": each queue's message count as kombu computes it (Channel._size, what
queue_declare(passive=True) answers for a queue that exists: the sum of LLEN over its priority
lists, as Flower shows it; 0 for a queue with no list); "unacked": the length of kombu's
unacked hash; "workers": the hostnames answering ping; "active", "reserved", "scheduled": the
tasks the workers report in each state (celery inspect).
"""
import json
import sys

from rigapp import app


def main():
    queues = sys.argv[1:] or ["celery"]
    out = {"queues": {}}
    with app.connection_for_read() as conn:
        channel = conn.default_channel
        for queue in queues:
            out["queues"][queue] = channel._size(queue)
        # kombu leaves HLEN out of the commands its global_keyprefix client prefixes.
        out["unacked"] = channel.client.hlen(channel.global_keyprefix + channel.unacked_key)
    inspect = app.control.inspect(timeout=1.5)
    out["workers"] = sorted((inspect.ping() or {}).keys())
    for state in ("active", "reserved", "scheduled"):
        replies = getattr(inspect, state)() or {}
        out[state] = sum(len(tasks) for tasks in replies.values())
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
