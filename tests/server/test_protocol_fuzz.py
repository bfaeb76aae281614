"""Generated control messages, valid and invalid by the served JSON Schema, over real
WebSockets. Thousands over one connection with the rate limit lifted: every one is
answered (a `state` only if the schema allows it), the server stays up, and a session
beside it keeps streaming. Then two controlling connections and a viewer of one session at
the real limit, every message type: each answer reaches its own sender alone, each accepted
change all three, and the viewer changes nothing."""

import copy
import json
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schema_strategies import from_schema, mutated
from wsutil import Watcher

from mindscope.app import INTERNAL_ERROR
from mindscope.bench.server import ServerProcess, running_server
from mindscope.client import Session, connect

# Plenty of messages a second for the fuzzer; a modest training budget, so that valid
# "step" requests of up to 100,000 steps cannot keep the CPU from everything else.
FLAGS = ["--max-messages-per-second", "1000000", "--max-steps-per-second", "20000"]
# Valid messages keep to changes that need no recompile (each costs seconds on this
# machine): no new shapes of data or maps, no new network, optimizer or training regime.
# Invalid ones come from every message type; they are refused before any work.
CHEAP_CHANGES = {"noise", "data_seed", "seed", "learning_rate", "momentum", "beta1", "beta2",
                 "weight_decay", "rms_decay", "regularization_rate", "schedule_steps",
                 "schedule_gamma", "steps_per_second", "regularization", "schedule", "init"}
RESHAPING = {"subscribe", "set_points", "add_points", "undo_point", "clear_points", "upload_csv"}
# Pydantic's words for a message of the wrong shape: what the schema should have caught.
SHAPE_WORDS = ("Input should be", "Field required", "Extra inputs are not permitted",
               "Input tag", "Unable to extract tag")
tally: Counter[str] = Counter()
errors: dict[int, str] = {}


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[ServerProcess]:
    with running_server(FLAGS) as server:
        yield server


@pytest.fixture(scope="module")
def client_schema(fuzz_server: ServerProcess) -> dict[str, Any]:
    schema = httpx.get(f"{fuzz_server.url}/api/protocol").json()
    return {"$defs": schema["$defs"], **schema["properties"]["client"]}


def _cheap(schema: dict[str, Any]) -> dict[str, Any]:
    """The client schema without the valid messages that would make the server compile."""
    cheap = copy.deepcopy(schema)
    changes = cheap["$defs"]["ConfigChanges"]["properties"]
    cheap["$defs"]["ConfigChanges"]["properties"] = {
        name: prop for name, prop in changes.items() if name in CHEAP_CHANGES}
    kind = {ref: cheap["$defs"][ref.removeprefix("#/$defs/")]["properties"]["type"]["const"]
            for ref in (option["$ref"] for option in cheap["oneOf"])}
    cheap["oneOf"] = [o for o in cheap["oneOf"] if kind[o["$ref"]] not in RESHAPING]
    return cheap


def _exchange(session: Session, messages: list[dict[str, Any]],
              first_id: int) -> dict[int, str]:
    """Send every message at once, each with its own id; what answered each, by id:
    "state", "error" or a binary reply's kind ("explanation")."""
    ids = range(first_id, first_id + len(messages))
    for request_id, message in zip(ids, messages, strict=True):
        session.send_raw(json.dumps({**message, "id": request_id}))
    replies: dict[int, str] = {}
    deadline = time.monotonic() + 20
    while len(replies) < len(messages):
        try:
            reply = session.next_message(timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            missing = [m for i, m in zip(ids, messages, strict=True) if i not in replies]
            raise AssertionError(f"no answer to {missing}") from None
        if isinstance(reply, dict) and reply.get("reply_to") in ids:
            assert reply["reply_to"] not in replies, f"two answers to one message: {reply}"
            assert reply.get("message") != INTERNAL_ERROR, (
                f"the server failed on {messages[reply['reply_to'] - first_id]}")
            replies[reply["reply_to"]] = reply.get("type") or reply["kind"]
            if reply.get("type") == "error":
                errors[reply["reply_to"]] = reply["message"]
    return replies


# The websockets client's keepalive thread draws ping payloads from `random` meanwhile.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
def test_every_generated_message_is_answered_as_the_schema_says(
        fuzz_server: ServerProcess, client_schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(client_schema)
    cheap = _cheap(client_schema)
    valid = from_schema(cheap, cheap["$defs"])
    invalid = mutated(from_schema(client_schema, client_schema["$defs"])).filter(
        lambda message: not validator.is_valid(message))
    either = st.sampled_from([valid, invalid]).flatmap(lambda kind: kind)  # half each
    messages = st.lists(either, min_size=20, max_size=40)
    next_id = iter(range(1, 2**31, 100))

    with Watcher(fuzz_server.url) as watcher, connect(fuzz_server.url) as session:
        frames_before, started = watcher.frames, time.monotonic()

        # No shrinking: a failure names its message, and every try may wait for answers.
        @settings(max_examples=150, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                         HealthCheck.filter_too_much])
        @given(messages)
        def exchange(batch: list[dict[str, Any]]) -> None:
            first_id = next(next_id)
            replies = _exchange(session, batch, first_id)
            for offset, message in enumerate(batch):
                reply, allowed = replies[first_id + offset], validator.is_valid(message)
                tally[f"{'valid' if allowed else 'invalid'} → {reply}"] += 1
                if not allowed:
                    assert reply == "error", f"accepted {message}"
                elif reply == "error":  # refused for what the schema cannot say
                    said = errors[first_id + offset]
                    assert not any(w in said for w in SHAPE_WORDS), (
                        f"the schema allows {message} but the server said {said}")

        try:
            exchange()
        except Exception as exc:  # the server's side of the story, for whoever debugs this
            exc.add_note(f"server log:\n{fuzz_server.log_tail(20_000)}")
            raise
        elapsed = time.monotonic() - started
        streamed = watcher.frames - frames_before
        # The fuzzed session still trains and streams (its loop survived everything).
        session.step(5)
        assert session.next_frame(timeout=60)
    print(f"{sum(tally.values())} messages in {elapsed:.0f} s: {dict(tally)}; "
          f"the other session got {streamed} frames")
    assert sum(tally.values()) >= 2000
    assert tally["valid → state"] >= 500 and tally["invalid → error"] >= 500
    assert streamed >= 5 * elapsed  # the session beside it kept streaming
    assert httpx.get(f"{fuzz_server.url}/healthz").json()["status"] == "ok"


# Changes whose answer is a `state` to every connection of the session; the other
# messages (questions, subscribe) are answered to their sender alone, and are all that a
# view connection may send.
QUESTIONS = {"explain", "explain_step", "explain_conv", "explain_attention", "landscape",
             "subscribe"}
CHANGES = {"set", "play", "pause", "step", "step_epoch", "reset", "regenerate", "set_points",
           "add_points", "undo_point", "clear_points", "upload_csv", "set_weight", "set_bias",
           "draw_probe"}


def _mixed_round(senders: list[Session], batches: list[list[dict[str, Any]]],
                 first_id: int) -> list[tuple[int, dict[str, Any], str]]:
    """Each connection sends its batch (ids unique across them), interleaved; then every
    connection reads until it has the answer to each of its messages and the broadcast
    state of each change another connection got accepted. Each message with its sender
    (an index into `senders`) and its answer."""
    sent: dict[int, tuple[int, dict[str, Any]]] = {}
    request_id = first_id
    for turn in range(max(map(len, batches))):
        for who, (session, batch) in enumerate(zip(senders, batches, strict=True)):
            if turn < len(batch):
                message = batch[turn]
                session.send_raw(json.dumps({**message, "id": request_id}))
                sent[request_id] = (who, message)
                request_id += 1
    heard: list[dict[int, str]] = [{} for _ in senders]  # what each connection got, by id
    for who, session in enumerate(senders):
        deadline = time.monotonic() + 120  # the first change of a network may compile
        while not ({i for i, (w, _) in sent.items() if w == who} <= heard[who].keys()):
            try:
                reply = session.next_message(timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                missing = [i for i, (w, _) in sent.items() if w == who and i not in heard[who]]
                raise AssertionError(f"connection {who} got no answer to {missing}") from None
            if isinstance(reply, dict):
                assert reply.get("message") != INTERNAL_ERROR, f"the server failed: {reply}"
                assert "could not be applied" not in str(reply.get("message")), (
                    f"an accepted change was rolled back: {reply}")
                if reply.get("reply_to") in sent:
                    assert reply["reply_to"] not in heard[who], f"a second answer: {reply}"
                    heard[who][reply["reply_to"]] = reply.get("type") or reply["kind"]
    answers = {i: (who, str(message.get("type")), heard[who][i])
               for i, (who, message) in sent.items()}
    for who, session in enumerate(senders):  # every accepted change reached every client
        wanted = {i for i, (w, kind, answer) in answers.items()
                  if w != who and answer == "state" and kind not in QUESTIONS}
        deadline = time.monotonic() + 30
        while not wanted <= heard[who].keys():
            reply = session.next_message(timeout=max(0.0, deadline - time.monotonic()))
            if isinstance(reply, dict) and reply.get("reply_to") in sent:
                heard[who].setdefault(reply["reply_to"], reply.get("type") or reply["kind"])
        for i in {i for i, (w, kind, _) in answers.items() if w != who and kind in QUESTIONS}:
            assert i not in heard[who], f"connection {who} got the answer to question {i}"
    return [(who, message, answers[i][2]) for i, (who, message) in sent.items()]


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
def test_several_connections_every_message_type_at_the_real_rate_limit(
        server_url: str, client_schema: dict[str, Any]) -> None:
    """Two controlling connections of one session and a viewer send every message type,
    valid and not, at once, within the server's own limits: every message gets its answer,
    every accepted change reaches all three, no answer goes to the wrong connection, none
    is rolled back, and the viewer changes nothing."""
    validator = jsonschema.Draft202012Validator(client_schema)
    valid = from_schema(client_schema, client_schema["$defs"])
    # Changes of the settings (compiles included) as often as the other kinds together.
    changes = from_schema({"$ref": "#/$defs/SetConfig"}, client_schema["$defs"])
    invalid = mutated(valid).filter(lambda message: not validator.is_valid(message))
    either = st.sampled_from([valid, changes, invalid]).flatmap(lambda kind: kind)
    rounds = st.lists(st.lists(either, min_size=3, max_size=8), min_size=3, max_size=3)
    next_id = iter(range(1, 2**31, 100))
    seen: Counter[str] = Counter()

    with (connect(server_url) as alice, connect(server_url, alice.id) as bob,
          connect(server_url, view_id=alice.view_id) as carol):
        @settings(max_examples=20, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                         HealthCheck.filter_too_much])
        @given(rounds)
        def exchange(batches: list[list[dict[str, Any]]]) -> None:
            for who, message, answer in _mixed_round([alice, bob, carol], batches,
                                                     next(next_id)):
                seen[f"{message.get('type')} → {answer}"] += 1
                if not validator.is_valid(message) or (who == 2 and message.get("type") in CHANGES):
                    assert answer == "error", f"accepted {message} from {'ABC'[who]}"

        exchange()
        alice.request({"type": "pause"})
        alice.step(3)
        assert alice.next_frame(timeout=120)
    print(dict(seen))
    accepted = {key.split(" → ")[0] for key in seen if not key.endswith("error")}
    assert len(accepted) >= 6 and seen["set → state"] >= 10, seen  # the draw reached far
