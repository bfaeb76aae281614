"""Server settings: limits and paths, with sane defaults."""

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    static_dir: Path = PACKAGE_DIR / "static"  # where `make run` builds the frontend
    max_sessions: int = 200
    session_idle_seconds: float = 600.0  # kept this long after the last client left
    max_message_bytes: int = 64 * 1024  # larger WebSocket messages are refused
    frame_rate: float = 30.0  # frames per second a playing session aims for
    grid_resolution: int = 50
    compilation_cache_dir: Path | None = Path.home() / ".cache" / "mindscope" / "jax"
