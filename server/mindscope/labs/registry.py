"""Every lab a session can be of, by the name its config's lab part gives it: a new lab
adds one line here (and its protocol's lines in protocol.py)."""

from collections.abc import Callable

from ..protocol import SessionConfig
from ..sessions.lab import Lab
from .attention.lab import AttentionLab
from .images.lab import ImagesLab
from .points.lab import PointsLab
from .sequences.lab import SequencesLab

LABS: dict[str, Callable[[], Lab]] = {
    lab.name: lab for lab in (PointsLab, ImagesLab, SequencesLab, AttentionLab)}


def lab_for(config: SessionConfig) -> Lab:
    """A new lab object for one session of `config`'s lab."""
    return LABS[config.lab.lab]()
