"""The sequences lab's tasks: sequences generated from a seed (nothing is downloaded), or
windows of the user's text, split into training and test sequences."""

from typing import NamedTuple

import numpy as np

from .protocol import SEQUENCES, SYMBOLS, VOCABULARY, SequencesConfig


class Task(NamedTuple):
    """What a task asks of the network."""

    problem: str  # "multiclass" or "regression"
    inputs: int  # numbers per step (1 for a symbol's or character's index)
    symbols: int  # > 0: the inputs are indices of this many symbols, one-hot encoded
    outputs: int  # classes, or 1 for a value
    per_step: bool  # a target at every step, else one at the end


TASKS = {
    "echo": Task("multiclass", 1, SYMBOLS + 1, SYMBOLS + 1, True),
    "parity": Task("multiclass", 1, 0, 2, True),
    "adding": Task("regression", 2, 0, 1, False),
    "wave": Task("regression", 1, 0, 1, True),
    "text": Task("multiclass", 1, VOCABULARY, VOCABULARY, True),
}


class SequenceData(NamedTuple):
    """Sequences (N, T, inputs); targets (N, T, 1) per step or (N, 1) at the end: a class
    index or a value."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def vocabulary(text: str) -> str:
    """The text's characters, in the order of their classes."""
    return "".join(sorted(set(text)))


def generate(c: SequencesConfig) -> SequenceData:
    """The task's sequences for the config's length, parameters and seed, split."""
    rng = np.random.default_rng(c.data_seed)
    n, t = SEQUENCES, c.length
    if c.task == "echo":
        symbols = rng.integers(0, SYMBOLS, (n, t))
        x, y = symbols[..., None], np.zeros((n, t, 1), np.int64)
        y[:, c.delay:, 0] = symbols[:, :-c.delay] + 1
    elif c.task == "parity":
        bits = rng.integers(0, 2, (n, t))
        x, y = bits[..., None], (np.cumsum(bits, axis=1) % 2)[..., None]
    elif c.task == "adding":
        values = rng.uniform(0, 1, (n, t))
        marks = np.zeros((n, t))
        half = max(t // 2, 1)
        first = rng.integers(0, half, n)  # one in each half, as Hochreiter & Schmidhuber
        second = rng.integers(half, t, n) if t > 1 else first
        marks[np.arange(n), first] = marks[np.arange(n), second] = 1
        x, y = np.stack([values, marks], axis=-1), np.sum(values * marks, axis=1)[:, None]
    elif c.task == "wave":
        steps = np.arange(t + 1)
        frequency = rng.uniform(0.05, 0.3, (n, 2, 1))
        phase = rng.uniform(0, 2 * np.pi, (n, 2, 1))
        clean = np.sum(np.sin(2 * np.pi * frequency * steps + phase), axis=1) / 2
        noisy = clean + rng.normal(0, c.noise, clean.shape)
        x, y = noisy[:, :-1, None], clean[:, 1:, None]  # the next value without its noise
    else:
        index = {ch: i for i, ch in enumerate(vocabulary(c.text))}
        codes = np.array([index[ch] for ch in c.text])
        starts = rng.integers(0, len(codes) - t, n)
        windows = codes[starts[:, None] + np.arange(t + 1)]
        x, y = windows[:, :-1, None], windows[:, 1:, None]
    cut = round(c.train_share * n)
    x, y = x.astype(np.float32), y.astype(np.float32)
    return SequenceData(x[:cut], y[:cut], x[cut:], y[cut:])
