"""Mindscope: watch neural networks learn, live."""

__version__ = "0.1.0"
