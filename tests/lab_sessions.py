"""What the labs' session tests share: the frame arrays the schema declares, and training a
real session until its frames show something."""

from mindscope.protocol import json_schema

DECLARED = {entry["name"]: entry
            for entry in json_schema()["$defs"]["FrameHeader"]["x-arrays"]}


def until(session, predicate, steps: int = 200, limit: int = 80):
    """The first frame, `steps` steps apart, for which `predicate` holds (at most `limit`)."""
    for _ in range(limit):
        session.step(steps)
        frame = session.next_frame()
        if predicate(frame):
            return frame
    raise AssertionError("the condition never held")


def stepped(session, steps: int):
    """The frame once `steps` more steps have trained in a paused session: a step request
    trains in slices of a frame's share (a frame after each), so the first frame after it
    may show only part of them."""
    start = session.next_frame(min_revision=session.revision).step
    session.step(steps)
    while (frame := session.next_frame()).step < start + steps:
        pass
    return frame
