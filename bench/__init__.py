"""Benchmarks and the report generator they feed on; not part of the installed package."""
