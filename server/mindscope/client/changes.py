"""The `set` message as the client builds it: settings named flat, or a typed config;
the server validates it and answers a refusal with an error naming the field."""

from typing import Any

from ..protocol import SessionConfig, nested


def set_message(current: dict[str, Any], config: SessionConfig | None,
                settings: dict[str, Any]) -> dict[str, Any]:
    """A `set` of settings named flat (learning_rate=0.1, hidden=[8]: the lab's own go in
    its part), or of what a typed config changes from the current one."""
    lab: str = current["lab"]["lab"]
    if config is None:
        return {"type": "set", "changes": nested(settings, lab)}
    if settings:
        raise ValueError("give set() a SessionConfig or settings by name, not both")
    wanted = config.model_dump(mode="json")
    if wanted["lab"]["lab"] != lab:
        raise ValueError(f"this session is of the {lab} lab: a config of the "
                         f"{wanted['lab']['lab']} lab cannot apply to it")
    changes = {k: v for k, v in wanted.items() if k != "lab" and current.get(k) != v}
    part = {k: v for k, v in wanted["lab"].items() if current["lab"].get(k) != v}
    return {"type": "set", "changes": changes | ({"lab": {"lab": lab, **part}} if part else {})}
