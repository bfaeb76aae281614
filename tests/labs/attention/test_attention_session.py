"""The attention lab over a real WebSocket: a session of `?lab=attention` learns to reverse
sequences and its attention maps turn into the anti-diagonal; a head added while it
trains keeps what was learned; one attention computation is explained on request; bad
input is refused with the field named and nothing lost."""

import numpy as np
import pytest
from lab_sessions import DECLARED, until

from mindscope.client import ServerError, connect

COMPILE = 180.0  # seconds: a new network compiles beside the session, slowly on 2 busy cores


def explain(session, **question):
    return session.ask({"type": "explain_attention", **question}, "attention_explanation")


def test_reversal_is_learned_and_its_attention_becomes_the_anti_diagonal(
        server_url: str) -> None:
    with connect(server_url, lab="attention") as session:
        config = session.config
        assert config["lab"]["task"] == "reverse" and config["lab"]["length"] == 8
        assert config["optimizer"] == "adamw" and config["loss"] == "cross_entropy"
        assert session.pause()["problem"] == "multiclass"
        first = session.next_frame()
        for name, values in first.arrays.items():  # every array as the schema declares it
            if name in DECLARED:
                assert values.dtype == np.dtype(DECLARED[name]["dtype"]), name
        assert first.arrays["attention_maps"].shape == (1, 2, 8, 8)
        np.testing.assert_allclose(first.arrays["attention_maps"].sum(axis=-1), 1, rtol=1e-5)
        assert first.arrays["token_outputs"].shape == (8, 10)
        assert first.arrays["token_map"].shape == (11, 2)  # 10 tokens and the separator
        assert first.arrays["position_map"].shape == (8, 2)
        tokens = first.arrays["tokens"]
        np.testing.assert_array_equal(first.arrays["token_targets"], tokens[::-1])
        np.testing.assert_array_equal(tokens, session.data["x_test"][0])

        trained = until(session, lambda f: f.header["test_accuracy"] >= 0.99)
        assert np.all(trained.arrays["answer_scores"] >= 0.95)
        maps = trained.arrays["attention_maps"][0]
        # Some head reads, for each query q, mostly the key 7 - q: the anti-diagonal.
        anti = [np.mean(maps[a][np.arange(8), 7 - np.arange(8)]) for a in range(2)]
        assert max(anti) > 0.5, anti
        answers = np.argmax(trained.arrays["token_outputs"], axis=1)
        np.testing.assert_array_equal(answers, trained.arrays["token_targets"])

        # Four heads share the same width: every weight keeps its shape, so what was learned
        # stays while the heads take new slices of it.
        session.set(heads=4)
        four = until(session, lambda f: f.arrays["attention_maps"].shape[1] == 4, steps=1)
        assert four.header["test_accuracy"] >= 0.5

        with pytest.raises(ServerError, match="width 32 is not a multiple of heads 5"):
            session.set(heads=5)
        with pytest.raises(ServerError) as refused:
            session.set(length=17)
        assert refused.value.field == "changes.lab.length"
        assert session.config["lab"]["heads"] == 4  # nothing refused was lost or applied


def test_one_attention_is_explained_on_request(server_url: str) -> None:
    with connect(server_url, lab="attention") as session:
        session.pause()
        session.set(causal=True)
        session.step(30)
        frame = session.next_frame(COMPILE, min_revision=session.revision)
        while frame.step < 30:
            frame = session.next_frame()
        assert frame.arrays["attention_maps"].shape == (1, 2, 16, 16)  # x | answer so far
        answer = explain(session, layer=0, head=1, query=9, row=3, column=2)
        header, arrays = answer.header, answer.arrays
        assert header["kind"] == "attention_explanation" and header["step"] == frame.step
        np.testing.assert_allclose(arrays["weights"],
                                   frame.arrays["attention_maps"][0, 1, 9], atol=1e-6)
        np.testing.assert_array_equal(arrays["allowed"], np.arange(16) <= 9)
        assert arrays["keys"].shape == arrays["values"].shape == (16, 16)
        assert arrays["weights"].sum() == pytest.approx(1, rel=1e-5)
        np.testing.assert_allclose(arrays["mixed"], arrays["weights"] @ arrays["values"],
                                   rtol=1e-4, atol=1e-6)
        for question, field in (({"layer": 1}, "layer"), ({"head": 2}, "head"),
                                ({"query": 16}, "query"), ({"row": 32}, "row"),
                                ({"column": 16}, "column")):
            with pytest.raises(ServerError) as refused:
                explain(session, **{"layer": 0, "head": 0, "query": 0, "row": 0,
                                    "column": 0, **question})
            assert refused.value.field == field
        assert session.config["lab"]["causal"] is True  # nothing changed


def test_a_session_file_brings_the_transformer_back_and_its_landscape_is_drawn(
        server_url: str) -> None:
    import httpx

    with connect(server_url, lab="attention") as original:
        original.pause()
        original.set(task="sort", layers=2, heads=4)
        original.step(40)
        before = original.next_frame(COMPILE, min_revision=original.revision)
        while before.step < 40:
            before = original.next_frame()
        landscape = original.landscape(directions="random", resolution=9, span=1.0)
        assert landscape.arrays["loss"].shape == (9, 9)
        assert np.all(np.isfinite(landscape.arrays["loss"]))
        exported = httpx.get(f"{server_url}/api/sessions/{original.id}/export", timeout=30)
        assert exported.status_code == 200

    imported = httpx.post(f"{server_url}/api/sessions/import", content=exported.content,
                          timeout=60)
    assert imported.status_code == 201
    with connect(server_url, imported.json()["session_id"]) as copy:
        assert copy.config["lab"]["task"] == "sort" and copy.config["lab"]["heads"] == 4
        frame = copy.next_frame(COMPILE)
        assert frame.step == before.step
        for name in ("attention_maps", "token_outputs", "token_map", "position_map"):
            np.testing.assert_array_equal(frame.arrays[name], before.arrays[name],
                                          err_msg=name)


def test_modular_addition_answers_once_at_the_equals_sign(server_url: str) -> None:
    """p = 47: 2,209 sums, more than the frames evaluate (Trainer.evaluation_rows)."""
    with connect(server_url, lab="attention") as session:
        session.pause()
        session.set(task="modular", modulus=47, train_share=0.5)
        session.step(10)
        frame = session.next_frame(COMPILE, min_revision=session.revision)
        assert frame.arrays["tokens"].shape == (3,) and frame.arrays["tokens"][2] == 47
        a, b, _ = frame.arrays["tokens"]
        assert frame.arrays["token_targets"].tolist() == [(a + b) % 47]
        assert frame.arrays["token_outputs"].shape == (1, 47)
        assert frame.arrays["token_map"].shape == (48, 2)  # 47 numbers and "="
        assert 0 <= frame.header["test_accuracy"] <= 1
        assert len(session.data["x_test"]) == 2209 - round(0.5 * 2209)
