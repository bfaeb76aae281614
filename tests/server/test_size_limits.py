"""Size limits against exhaustion (CWE-770), met over a real WebSocket: an upload is parsed
as data within its byte and row limits, a network within its layer and neuron limits, and
each refusal names what is allowed while the session goes on."""

import json
from collections.abc import Iterator

import pytest
from wsutil import is_error, next_text

from mindscope.bench.server import running_server
from mindscope.client import ServerError, connect
from mindscope.vocabulary import MAX_USER_POINTS


@pytest.fixture(scope="module")
def roomy() -> Iterator[str]:
    """Messages up to 100,000 bytes: room for a CSV with one row too many."""
    with running_server(["--max-message-bytes", "100000"]) as server:
        yield server.url


def test_an_upload_is_bounded_in_bytes_and_rows(roomy: str) -> None:
    with connect(roomy) as session:
        big = "1.5,2.5,1\n" * 10_000  # 110,000 bytes as JSON: over the message limit
        session.send_raw(json.dumps({"type": "upload_csv", "csv": big}))
        assert next_text(session, is_error("message too large: at most 100000 bytes"))
        rows = "0,0,1\n" * (MAX_USER_POINTS + 1)  # 70,007 bytes as JSON, one row too many
        with pytest.raises(ServerError, match=f"too many points: 10001, at most {MAX_USER_POINTS}"):
            session.request({"type": "upload_csv", "csv": rows})
        # Code in a CSV is data like any other: refused by line, never evaluated.
        with pytest.raises(ServerError, match="line 1") as refused:
            session.request({"type": "upload_csv", "csv": "__import__('os').system('id'),1,1\n"})
        assert refused.value.field == "csv"
        reply = session.request({"type": "upload_csv", "csv": "0,0,1\n1,1,-1\n2,2,1\n-1,0,-1\n"})
        assert reply["config"]["lab"]["dataset"] == "custom"


def test_the_largest_upload_fits_the_default_message_size(server_url: str) -> None:
    rows = "".join(f"{-5 + i * 1e-3:.7f},{5 - i * 1e-3:.7f},{i % 2}\n"
                   for i in range(MAX_USER_POINTS))  # ~24 bytes a row, as files come
    with connect(server_url) as session:
        reply = session.request({"type": "upload_csv", "csv": rows})
        assert reply["config"]["lab"]["dataset"] == "custom"


@pytest.mark.parametrize(("changes", "allowed"), [
    ({"hidden": [4] * 9}, "a list of at most 8"),
    ({"hidden": [17]}, "each 1 to 16"),
    ({"features": ["x1"] * 8}, "a list of at most 7"),
])
def test_a_network_is_bounded_in_layers_and_neurons(server_url: str, changes: dict,
                                                   allowed: str) -> None:
    with connect(server_url) as session:
        with pytest.raises(ServerError, match=allowed):
            session.set(**changes)
        assert session.set(hidden=[16] * 8)["config"]["lab"]["hidden"] == [16] * 8  # the largest
