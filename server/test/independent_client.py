"""An independent client (Debian's python3-websockets 10.4) for the Node test suite.

Usage: python3 independent_client.py SCENARIO URL; prints one JSON object.
"""
import asyncio
import json
import sys

import websockets


async def echo(url):
    async with websockets.connect(url, subprotocols=["json"]) as ws:
        await ws.send("héllo")
        text = await ws.recv()
        await ws.send(b"\x00\xff")
        data = await ws.recv()
        return {"text": text, "binary": list(data), "binaryIsBytes": isinstance(data, bytes), "protocol": ws.subprotocol}


async def oversize(url):
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(b"x" * (2 * 1024 * 1024))
        await ws.wait_closed()
        return {"code": ws.close_code}


async def flood(url):
    async with websockets.connect(url) as ws:
        for _ in range(500):
            await ws.send("x")
        await ws.wait_closed()
        return {"code": ws.close_code}


async def wait_close(url):
    async with websockets.connect(url) as ws:
        print(json.dumps({"open": True}), flush=True)
        await ws.wait_closed()
        return {"code": ws.close_code, "reason": ws.close_reason}


SCENARIOS = {"echo": echo, "oversize": oversize, "flood": flood, "wait_close": wait_close}

if __name__ == "__main__":
    result = asyncio.run(asyncio.wait_for(SCENARIOS[sys.argv[1]](sys.argv[2]), 20))
    print(json.dumps(result), flush=True)
