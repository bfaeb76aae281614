"""A process's resident memory, as the kernel counts it (Linux's /proc)."""

from pathlib import Path


def resident_bytes(pid: int | str = "self") -> int | None:
    """Resident memory of process `pid` (this one by default); None where /proc is missing
    (macOS, Windows)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return None


def memory_maps(pid: int | str = "self") -> int | None:
    """How many memory maps process `pid` holds (lines of /proc/PID/maps): a leak of
    mapped code or buffers shows here before it shows in the resident memory. None where
    /proc is missing."""
    try:
        with open(f"/proc/{pid}/maps", "rb") as maps:
            return sum(1 for _ in maps)
    except (FileNotFoundError, ProcessLookupError):  # gone, or going
        return None
