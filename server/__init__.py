"""The webhook listener: aiohttp app, decision broker, and the thread that runs them."""
