"""The pure screening domain: calls, numbers, rules and the policy that decides a call.

Nothing here imports Qt, aiohttp or SQL, so every decision can be unit-tested without a loop.
"""
