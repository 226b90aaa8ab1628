"""Measurement scripts (not tests): `python -m benchmarks.bench --help`."""
