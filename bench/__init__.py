"""Benchmarks, each printing ratios against a baseline measured in the same run.

A package so that bench/gui.py is `bench.gui`, never mistaken for the `gui` package (by mypy or by
an import), and so that the benchmarks can share their helpers.
"""
