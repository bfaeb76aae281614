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
