"""The sequences lab over a real WebSocket: a session of `?lab=sequences` trains a recurrent
network on a task, its frames carry the declared arrays, its cell and task change while it
trains, bad input is refused with the field named, and a session file brings it back."""

import numpy as np
import pytest
from lab_sessions import DECLARED, stepped, until

from mindscope.client import ServerError, connect
from mindscope.labs.sequences.data import vocabulary
from mindscope.labs.sequences.protocol import DEFAULT_TEXT, MAX_TEXT, SAMPLE_LENGTH


def test_an_lstm_learns_to_echo_and_shows_its_states_gates_and_gradients(
        server_url: str) -> None:
    with connect(server_url, lab="sequences") as session:
        config = session.config
        assert config["lab"]["lab"] == "sequences" and config["lab"]["cell"] == "lstm"
        assert config["optimizer"] == "adam" and config["loss"] == "cross_entropy"
        assert session.pause()["problem"] == "multiclass"
        first = session.next_frame()
        for name, values in first.arrays.items():  # every array as the schema declares it
            if name in DECLARED:
                assert values.dtype == np.dtype(DECLARED[name]["dtype"]), name
        length, hidden = config["lab"]["length"], config["lab"]["hidden"]
        assert first.arrays["hidden_states"].shape == (1, length, hidden)
        assert first.arrays["gate_values"].shape == (1, 3, length, hidden)
        assert first.arrays["cell_states"].shape == (1, length, hidden)
        assert first.arrays["sequence_outputs"].shape == (length, 4)
        np.testing.assert_allclose(first.arrays["sequence_outputs"].sum(axis=1), 1, rtol=1e-5)
        assert first.arrays["gradient_through_time"].shape == (1, length)
        gates = first.arrays["gate_values"]
        assert np.all((gates > 0) & (gates < 1))  # sigmoids
        n_test = len(session.data["y_test"])
        assert session.data["x_test"].shape == session.data["y_test"].shape == (n_test, length)
        # The probe is test sequence 0: its inputs and targets as the data message has them.
        np.testing.assert_array_equal(first.arrays["sequence_inputs"][:, 0],
                                      session.data["x_test"][0])
        np.testing.assert_array_equal(first.arrays["sequence_targets"],
                                      session.data["y_test"][0])

        trained = until(session, lambda f: f.header["test_accuracy"] >= 0.99)
        assert np.all(trained.arrays["position_scores"] >= 0.95)
        assert trained.header["layer_sizes"] == [4, hidden, 4]

        # A plain RNN has no gates; the cell compiles beside the session.
        assert session.set(cell="rnn")["config"]["lab"]["cell"] == "rnn"
        rnn = until(session, lambda f: f.arrays["gate_values"].shape[1] == 0, steps=1)
        assert rnn.arrays["cell_states"].size == 0
        # Two layers of a GRU: two gates, a state per layer.
        session.set(cell="gru", layers=2, hidden=8)
        gru = until(session, lambda f: f.arrays["hidden_states"].shape[0] == 2, steps=1)
        assert gru.arrays["gate_values"].shape == (2, 2, length, 8)

        with pytest.raises(ServerError, match="delay 25 must be below the length 20"):
            session.set(delay=25)
        with pytest.raises(ServerError) as refused:
            session.set(length=101)
        assert refused.value.field == "changes.lab.length"
        with pytest.raises(ServerError, match="this session is of the lab 'sequences'"):
            session.request({"type": "set", "changes": {"lab": {"lab": "images"}}})
        assert session.config["lab"]["layers"] == 2  # nothing refused was lost or applied


def test_the_adding_problem_answers_at_the_end_with_a_value(server_url: str) -> None:
    with connect(server_url, lab="sequences") as session:
        session.pause()
        reply = session.set(task="adding", length=30)
        assert reply["config"]["loss"] == "mse"  # the loss follows the task's problem
        frame = until(session, lambda f: f.arrays["sequence_outputs"].shape == (1, 1), steps=1)
        assert frame.header["test_accuracy"] is None
        assert session.data["y_test"].shape[1] == 1
        x = session.data["x_test"].reshape(len(session.data["x_test"]), 30, 2)
        np.testing.assert_allclose(np.sum(x[..., 0] * x[..., 1], axis=1),
                                   session.data["y_test"][:, 0], rtol=1e-5)
        assert frame.arrays["position_scores"].shape == (1,)


def test_a_text_is_learned_and_continued_and_bad_texts_are_refused(server_url: str) -> None:
    import httpx

    from mindscope.sessions.archive import load

    text = "abcabd " * 40
    with connect(server_url, lab="sequences") as session:
        session.pause()
        session.set(task="text", text=text, length=12, temperature=0.2)
        sample = until(session, lambda f: f.arrays["text_sample"].size > 0, steps=1)
        assert sample.arrays["text_vocabulary"].tolist() == [ord(ch) for ch in " abcd"]
        assert sample.arrays["text_sample"].size == SAMPLE_LENGTH
        learned = until(session, lambda f: f.header["test_accuracy"] >= 0.8, steps=300)
        chars = vocabulary(text)
        written = "".join(chars[i] for i in learned.arrays["text_sample"])
        assert "abcab" in written  # what it learned, written out

        for bad, message in (("", "the text has 0 characters"),
                             ("x" * (MAX_TEXT + 1), "at most 20000 characters"),
                             ("".join(map(chr, range(200, 270))), "at most 64"),
                             ("aaaaaaaaaaaaaaaaaaaa", "at least 2 distinct")):
            with pytest.raises(ServerError, match=message):
                session.set(text=bad)
        assert session.config["lab"]["text"] == text  # nothing lost

        exported = httpx.get(f"{server_url}/api/sessions/{session.id}/export", timeout=30)
        archive = load(exported.content)
        assert archive.config.lab.text == text and archive.config.lab.task == "text"
    with connect(server_url, lab="sequences") as fresh:
        assert fresh.config["lab"]["text"] == DEFAULT_TEXT


def test_a_step_of_a_cell_is_explained_on_request(server_url: str) -> None:
    with connect(server_url, lab="sequences") as session:
        session.pause()
        frame = stepped(session, 50)
        answer = session.explain_step(layer=0, time=5, weight="u", row=2, column=20)
        header, arrays = answer.header, answer.arrays
        assert header["kind"] == "step_explanation" and header["cell"] == "lstm"
        assert header["parts"] == ["input", "forget", "candidate", "output"]
        assert header["step"] == frame.step
        hidden = frame.arrays["hidden_states"][0]  # the same probe, the same weights
        np.testing.assert_allclose(arrays["previous_hidden"], hidden[4], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(arrays["new_hidden"], hidden[5], rtol=1e-5, atol=1e-6)
        assert arrays["sums"].shape == arrays["values"].shape == (4, 16)
        assert arrays["gradient_by_step"].shape == (20,)
        assert header["gradient"] == pytest.approx(float(arrays["gradient_by_step"].sum()),
                                                   rel=1e-4, abs=1e-8)
        for question, field in (({"row": 16}, "row"), ({"time": 20}, "time"),
                                ({"layer": 1}, "layer"), ({"column": 64}, "column")):
            with pytest.raises(ServerError) as refused:
                session.explain_step(**{"layer": 0, "time": 0, "weight": "u", "row": 0,
                                        "column": 0, **question})
            assert refused.value.field == field
        assert session.config["lab"]["cell"] == "lstm"  # nothing changed
