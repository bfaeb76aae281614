"""Datasets: generators of 2D points with labels, in NumPy (not on the hot path)."""

from .planar import CLASSIFICATION_SETS, PlanarData, make_planar_data

__all__ = ["CLASSIFICATION_SETS", "PlanarData", "make_planar_data"]
