#!/usr/bin/env python3
"""A TCP proxy that delays every forwarded chunk by a fixed time, in both directions.

It stands in for a network with latency, so a benchmark can count round trips by wall time:
with a one-way delay D, one request/reply exchange costs about 2*D however many commands it
carries. Chunks are scheduled, not slept on, so a burst is delayed once, not once per chunk,
and order is kept. Standard library only.

usage: delay_proxy.py <listen_port> <target_host> <target_port> <delay_ms>
"""
import asyncio
import sys


async def pump(reader, writer, delay):
    loop = asyncio.get_running_loop()
    try:
        while data := await reader.read(65536):
            loop.call_later(delay, writer.write, data)
    except ConnectionError:
        pass
    loop.call_later(delay, writer.close)


async def main():
    listen_port, host, port, delay_ms = sys.argv[1:5]
    delay = int(delay_ms) / 1000.0

    async def handle(client_reader, client_writer):
        server_reader, server_writer = await asyncio.open_connection(host, int(port))
        await asyncio.gather(pump(client_reader, server_writer, delay),
                             pump(server_reader, client_writer, delay))

    server = await asyncio.start_server(handle, "127.0.0.1", int(listen_port))
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
