"""Datasets: generators of 2D points with labels, in NumPy (not on the hot path)."""

from .planar import DATASETS, DatasetInfo, PlanarData, make_planar_data, split
from .user import UserDataError, parse_csv, user_points

__all__ = [
    "DATASETS", "DatasetInfo", "PlanarData", "UserDataError", "make_planar_data", "parse_csv",
    "split", "user_points",
]
