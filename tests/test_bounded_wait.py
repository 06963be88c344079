"""The bound on how long an answer waits for its record: one timer for every waiting call, and
each call's own bound kept (a call that waits while storage fails waits less than those before
it, not as long as they)."""

from __future__ import annotations

import asyncio

from server.bounded_wait import BoundedWait


def test_a_future_done_in_time_is_settled_and_one_never_done_is_not() -> None:
    async def run() -> tuple[bool, bool, bool]:
        loop = asyncio.get_running_loop()
        waits = BoundedWait(loop)
        soon = loop.create_future()
        loop.call_later(0.05, soon.set_result, None)
        never = loop.create_future()
        settled = await waits.settled(soon, 30)
        abandoned = await waits.settled(never, 0.1)
        return settled, abandoned, never.cancelled()

    assert asyncio.run(run()) == (True, False, False), "the future goes on after the bound"


def test_a_shorter_bound_after_longer_ones_ends_first() -> None:
    async def run() -> list[str]:
        loop = asyncio.get_running_loop()
        waits = BoundedWait(loop)
        ended: list[str] = []

        async def wait(name: str, future: asyncio.Future[None], bound: float) -> None:
            ended.append(f"{name} {await waits.settled(future, bound)}")

        slow = loop.create_future()
        long_waits = [asyncio.create_task(wait(f"long-{n}", slow, 30)) for n in range(3)]
        await asyncio.sleep(0)
        await wait("short", loop.create_future(), 0.1)
        ended.append("short returned")
        slow.set_result(None)
        await asyncio.gather(*long_waits)
        return ended

    assert asyncio.run(asyncio.wait_for(run(), 10)) == [
        "short False", "short returned", "long-0 True", "long-1 True", "long-2 True"]
