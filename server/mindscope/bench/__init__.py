"""Benchmarks of a real Mindscope server on this machine (`mindscope bench ...`)."""
