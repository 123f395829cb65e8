#!/usr/bin/env python3
"""A TCP proxy that delays every forwarded chunk by a fixed time, in both directions.

It stands in for a network with latency, so a benchmark can count round trips by wall time:
with a one-way delay D, one request/reply exchange costs about 2*D however many commands it
carries. Chunks are scheduled, not slept on, so a burst is delayed once, not once per chunk,
and order is kept. Standard library only.

With a loss percentage, that share of chunks is held back a retransmission timeout longer (what
a dropped TCP segment costs), later chunks waiting behind it, as TCP would deliver them.

usage: delay_proxy.py <listen_port> <target_host> <target_port> <delay_ms>
                      [<loss_percent> <rto_ms> [<listen_host>]]
"""
import asyncio
import random
import sys


async def pump(reader, writer, delay, loss, rto):
    loop = asyncio.get_running_loop()
    due = 0.0  # in order: never before the chunk ahead of it
    try:
        while data := await reader.read(65536):
            extra = rto if loss and random.random() < loss else 0.0
            due = max(due, loop.time() + delay + extra)
            loop.call_at(due, writer.write, data)
    except ConnectionError:
        pass
    loop.call_at(max(due, loop.time() + delay), writer.close)


async def main():
    listen_port, host, port, delay_ms = sys.argv[1:5]
    delay = int(delay_ms) / 1000.0
    loss = float(sys.argv[5]) / 100.0 if len(sys.argv) > 5 else 0.0
    rto = int(sys.argv[6]) / 1000.0 if len(sys.argv) > 6 else 0.2
    listen_host = sys.argv[7] if len(sys.argv) > 7 else "127.0.0.1"

    async def handle(client_reader, client_writer):
        server_reader, server_writer = await asyncio.open_connection(host, int(port))
        await asyncio.gather(pump(client_reader, server_writer, delay, loss, rto),
                             pump(server_reader, client_writer, delay, loss, rto))

    server = await asyncio.start_server(handle, listen_host, int(listen_port), backlog=4096)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
