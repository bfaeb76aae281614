"""Every lab a session can be of, by the name its config's lab part gives it: a new lab
adds one line here (and its protocol's lines in protocol.py), and its HTTP routes if it
has any."""

from collections.abc import Callable

from fastapi import APIRouter

from ..protocol import SessionConfig
from ..sessions.lab import Lab
from .attention.lab import AttentionLab
from .images import routes as images_routes
from .images.lab import ImagesLab
from .points.lab import PointsLab
from .sequences.lab import SequencesLab

LABS: dict[str, Callable[[], Lab]] = {
    lab.name: lab for lab in (PointsLab, ImagesLab, SequencesLab, AttentionLab)}


# The labs' own HTTP routes (the images lab: which data sets this server can load).
LAB_ROUTERS: tuple[APIRouter, ...] = (images_routes.router,)


def lab_for(config: SessionConfig) -> Lab:
    """A new lab object for one session of `config`'s lab."""
    return LABS[config.lab.lab]()
