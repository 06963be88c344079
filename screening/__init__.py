"""The pure screening domain: calls, numbers, names, rules, schedules and the policy that
decides a call.

Nothing here imports Qt, aiohttp or SQL, and nothing reads the clock (the time of a call is
passed in), so every decision can be unit-tested without a loop.
"""
