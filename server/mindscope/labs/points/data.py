"""The 2D lab's data: generated datasets and the user's own points, in NumPy (no JAX)."""

from .planar import DATASETS, DatasetInfo, PlanarData, make_planar_data, split
from .user import UserDataError, parse_csv, user_points

__all__ = [
    "DATASETS", "DatasetInfo", "PlanarData", "UserDataError", "make_planar_data", "parse_csv",
    "split", "user_points",
]
