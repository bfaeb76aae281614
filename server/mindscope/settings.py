"""Server settings: limits and paths, with sane defaults, validated as they are made.

Every limit can be set three ways, the later winning: its default here, an
environment variable `MINDSCOPE_<NAME>` (e.g. MINDSCOPE_MAX_SESSIONS=50, handy in
Docker), and a flag of `mindscope serve` (e.g. --max-sessions 50).
"""

import ipaddress
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
# The protocol's own maxima (SessionConfig.steps_per_second, Subscribe's resolutions): a
# server may lower them, never raise them. tests/server/test_settings.py keeps them in step.
PROTOCOL_MAX_STEPS_PER_SECOND = 1e6
PROTOCOL_MAX_OUTPUT_RESOLUTION = 200
PROTOCOL_MAX_NEURON_RESOLUTION = 100


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def _limit(default: float, low: float, high: float, help: str) -> Any:
    """A setting that a flag and an environment variable may change, within [low, high]."""
    return field(default=default, metadata={"low": low, "high": high, "help": help})


@dataclass(frozen=True)
class Settings:
    static_dir: Path = PACKAGE_DIR / "static"  # where `make run` builds the frontend
    compilation_cache_dir: Path | None = Path.home() / ".cache" / "mindscope" / "jax"
    # Where sessions are checkpointed (--db PATH, MINDSCOPE_DB); the folder is made on demand.
    db_path: Path = field(default_factory=lambda: default_db_path(os.environ))

    max_sessions: int = _limit(200, 1, 100_000, "sessions the server holds at once")
    max_connections_per_session: int = _limit(
        8, 1, 1000, "clients watching one session at once; more are refused with close code 4429"
    )
    session_idle_seconds: float = _limit(
        600.0, 0.1, 7 * 86400.0, "how long a session with no clients is kept before it expires"
    )
    max_message_bytes: int = _limit(  # room for 10,000 points drawn or uploaded as CSV
        1024 * 1024, 256, 64 * 1024 * 1024,
        "larger control messages get an error reply; the connection stays open",
    )
    hard_max_message_bytes: int = _limit(
        4 * 1024 * 1024, 1024, 256 * 1024 * 1024,
        "larger WebSocket messages close the connection (code 1009) before they are read",
    )
    max_messages_per_second: int = _limit(
        100, 1, 1_000_000, "control messages one connection may send; the excess is dropped"
    )
    max_steps_per_second: float = _limit(
        PROTOCOL_MAX_STEPS_PER_SECOND, 1.0, PROTOCOL_MAX_STEPS_PER_SECOND,
        "training speed a session may ask for, and step requests it may make, per second "
        "(requests counted in steps of the default network: see sessions/cost.py)",
    )
    send_timeout_seconds: float = _limit(
        30.0, 0.1, 3600.0, "a client that takes longer than this to accept one message is "
        "disconnected (close code 4408)",
    )
    worker_threads: int = _limit(
        os.cpu_count() or 1, 1, 256,
        "threads that train sessions; more than the cores only adds GIL contention",
    )
    frame_rate: float = _limit(30.0, 1.0, 120.0, "frames per second a playing session aims for")
    max_output_resolution: int = _limit(
        PROTOCOL_MAX_OUTPUT_RESOLUTION, 10, PROTOCOL_MAX_OUTPUT_RESOLUTION,
        "grid points per side of the output map a client may subscribe to",
    )
    max_neuron_resolution: int = _limit(
        PROTOCOL_MAX_NEURON_RESOLUTION, 0, PROTOCOL_MAX_NEURON_RESOLUTION,
        "grid points per side of each neuron's map a client may subscribe to",
    )
    checkpoint_seconds: float = _limit(
        3.0, 0.05, 3600.0, "how often sessions that changed are saved to the database (--db); "
        "a restart loses at most this much training, never drawn or uploaded points",
    )
    max_sessions_per_ip: int = _limit(
        100, 1, 100_000, "sessions one client address may hold at once (opened or imported); "
        "more are refused with close code 4429",
    )
    max_connections_per_ip: int = _limit(
        200, 1, 100_000, "WebSocket connections one client address may hold at once; more are "
        "refused with close code 4429",
    )
    warm_bridges: int = _limit(
        1, 0, 1, "1: compile the padded network of every built-in data bucket when the server "
        "starts, so that no visitor's first change waits for one; 0: when a session first "
        "needs it",
    )
    compile_cache_mb: float = _limit(
        1536.0, 16.0, 1_048_576.0, "memory the compiled programs shared by the sessions may "
        "keep (each as its compile left it resident); past it the least recently used are "
        "freed",
    )
    max_memory_mb: float = _limit(
        4096.0, 64.0, 1_048_576.0, "the server's resident memory past which new sessions are "
        "refused with close code 4429 (read from /proc: Linux only)",
    )
    # Pages on these origins (besides the server's own) may open the WebSocket.
    allow_origins: tuple[str, ...] = ()
    # The names the server answers to (the Host header), against DNS rebinding: "*" is any.
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    # Who may embed the page in a frame (CSP frame-ancestors): anyone by default, since
    # embedding a lab in a course page is a documented use; "'none'" forbids it.
    frame_ancestors: str = "*"

    def __post_init__(self) -> None:
        for f in limit_fields():
            value, low, high = getattr(self, f.name), f.metadata["low"], f.metadata["high"]
            allowed = (int, float) if f.type is float else (f.type,)
            if isinstance(value, bool) or not isinstance(value, allowed):
                raise SettingsError(f"{describe(f.name)} must be {_KIND[f.type]}, got {value!r}")
            if not (math.isfinite(value) and low <= value <= high):
                raise SettingsError(f"{describe(f.name)} must be {number(low)} to {number(high)}, "
                                    f"got {number(value)}")
        object.__setattr__(self, "allow_origins", tuple(map(origin, self.allow_origins)))
        object.__setattr__(self, "allowed_hosts", tuple(map(host_pattern, self.allowed_hosts)))
        if not self.allowed_hosts:
            raise SettingsError(f"--allowed-host ({env_name('allowed_hosts')}) needs at least "
                                "one name, or * for any")
        sources = self.frame_ancestors.split()
        if not sources or not all(map(FRAME_SOURCE.fullmatch, sources)):
            raise SettingsError(f"--frame-ancestors ({env_name('frame_ancestors')}) must be "
                                "sources such as * or 'self' or https://school.example, "
                                f"separated by spaces, got {self.frame_ancestors!r}")
        if self.hard_max_message_bytes < self.max_message_bytes:
            raise SettingsError(
                f"{describe('hard_max_message_bytes')} ({self.hard_max_message_bytes}) must be at "
                f"least {describe('max_message_bytes')} ({self.max_message_bytes})"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> "Settings":
        """Settings from MINDSCOPE_* variables, then `overrides` (None means: not given)."""
        values: dict[str, Any] = {}
        for f in limit_fields():
            raw = environ.get(env_name(f.name))
            if raw is not None:
                try:
                    values[f.name] = f.type(raw.strip())
                except ValueError:
                    raise SettingsError(f"{describe(f.name)} must be {_KIND[f.type]}, "
                                        f"got {raw!r}") from None
        if (db := environ.get(DB_ENV)) is not None:
            values["db_path"] = db_file(db)
        for name in ("allow_origins", "allowed_hosts"):
            if (listed := environ.get(env_name(name))) is not None:
                values[name] = tuple(listed.replace(",", " ").split())
        if (ancestors := environ.get(env_name("frame_ancestors"))) is not None:
            values["frame_ancestors"] = ancestors.strip()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


_KIND = {int: "a whole number", float: "a number"}


class SettingsError(ValueError):
    """A setting out of range, named as the user sets it (flag and variable)."""


ORIGIN = re.compile(r"https?://(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?")
FRAME_SOURCE = re.compile(r"\*|'self'|'none'|(https?://)?(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def origin(text: str) -> str:
    """An allowed origin as browsers send it: scheme://host[:port], lower case."""
    normal = text.strip().lower().rstrip("/")
    if not ORIGIN.fullmatch(normal):
        raise SettingsError(f"--allow-origin ({env_name('allow_origins')}) must be origins "
                            f"such as https://school.example:8443, got {text!r}")
    return normal


HOST_PATTERN = re.compile(r"\*|(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*|[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*")


def host_pattern(text: str) -> str:
    """An allowed host name as --allowed-host takes it: a name, *.domain, an address or *."""
    normal = text.strip().lower().rstrip(".")
    normal = normal[1:-1] if normal.startswith("[") and normal.endswith("]") else normal
    if not HOST_PATTERN.fullmatch(normal):
        raise SettingsError(f"--allowed-host ({env_name('allowed_hosts')}) must be host names "
                            "without a port, such as mindscope.school.example, *.school.example, "
                            f"192.168.1.20 or *, got {text!r}")
    return normal


def hosts_for(bind_host: str) -> tuple[str, ...]:
    """The Host names to allow when none are given: bound to loopback, where a DNS-rebinding
    page is the danger, only loopback names (and the address bound); bound to a network,
    any (the server cannot know which names point at it: --allowed-host names them)."""
    name = bind_host.strip().lower().removeprefix("[").removesuffix("]")
    try:
        loopback = ipaddress.ip_address(name).is_loopback
    except ValueError:
        loopback = name == "localhost"
    if not loopback:
        return ("*",)
    return LOOPBACK_HOSTS if name in LOOPBACK_HOSTS else (*LOOPBACK_HOSTS, name)


DB_ENV = "MINDSCOPE_DB"


def default_db_path(environ: Mapping[str, str]) -> Path:
    """$XDG_DATA_HOME/mindscope/sessions.db, or ~/.local/share/mindscope/sessions.db."""
    data_home = environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if Path(data_home).is_absolute() else Path.home() / ".local" / "share"
    return base / "mindscope" / "sessions.db"


def db_file(text: str) -> Path:
    """The database path given by --db or MINDSCOPE_DB: a file, not a folder."""
    path = Path(text.strip()).expanduser()
    if not text.strip() or path.is_dir():
        raise SettingsError(f"--db ({DB_ENV}) must name a database file (its folder is made "
                            f"if missing), got {text!r}")
    return path


def limit_fields() -> list[Any]:
    return [f for f in fields(Settings) if "help" in f.metadata]


def flag_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def env_name(name: str) -> str:
    return "MINDSCOPE_" + name.upper()


def describe(name: str) -> str:
    return f"{flag_name(name)} ({env_name(name)})"


def number(value: float) -> str:
    """A limit as people write it: 65536, 0.5, 1000000."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
