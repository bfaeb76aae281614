"""The attention lab's tasks: token sequences generated from a seed (nothing is
downloaded), laid out for an encoder or a decoder, split into training and test examples.

Tokens 0 … V - 1 are the task's; token V is the separator (or the '=' of modular
addition). An encoder reads a sequence and answers at every position; a decoder (the
causal mask) reads the sequence, the separator and the answer so far, and answers one
token after the separator at a time (teacher forcing).
"""

from typing import NamedTuple

import numpy as np

from .protocol import EXAMPLES, AttentionConfig


class Layout(NamedTuple):
    """The shapes a config's examples have: the input's positions, the answers (the last
    `answers` positions are read), the tokens the input holds (classes and separator) and
    the classes."""

    positions: int
    answers: int
    tokens: int
    classes: int
    causal: bool  # the mask the network applies (induction always has it)


class TokenData(NamedTuple):
    """Inputs (N, S) and answers (N, P, 1), tokens as float32 (as the core packs them)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def layout(c: AttentionConfig) -> Layout:
    if c.task == "modular":
        return Layout(3, 1, c.modulus + 1, c.modulus, c.causal)
    if c.task == "induction":
        half = c.length // 2
        return Layout(2 * half - 1, half - 1, c.vocabulary + 1, c.vocabulary, True)
    positions = 2 * c.length if c.causal else c.length
    return Layout(positions, c.length, c.vocabulary + 1, c.vocabulary, c.causal)


def answers_of(task: str, x: np.ndarray, shift: int) -> np.ndarray:
    """The answer to each sequence (N, T) of reverse, sort or shift."""
    if task == "reverse":
        return x[:, ::-1]
    if task == "sort":
        return np.sort(x, axis=1)
    return np.roll(x, shift, axis=1)


def examples(c: AttentionConfig, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Every example of the config's task: inputs (N, S) and answers (N, P)."""
    separator = layout(c).tokens - 1
    if c.task == "modular":
        a, b = (grid.ravel() for grid in np.meshgrid(np.arange(c.modulus),
                                                     np.arange(c.modulus)))
        x = np.stack([a, b, np.full_like(a, separator)], axis=1)
        return x, ((a + b) % c.modulus)[:, None]
    if c.task == "induction":
        half = rng.integers(0, c.vocabulary, (EXAMPLES, c.length // 2))
        sequence = np.concatenate([half, half], axis=1)
        # Position t predicts token t + 1; the repeat's tokens after its first are known.
        return sequence[:, :-1], sequence[:, half.shape[1] + 1:]
    x = rng.integers(0, c.vocabulary, (EXAMPLES, c.length))
    y = answers_of(c.task, x, c.shift)
    if not c.causal:
        return x, y
    separators = np.full((EXAMPLES, 1), separator)
    return np.concatenate([x, separators, y[:, :-1]], axis=1), y


def generate(c: AttentionConfig) -> TokenData:
    """The task's examples for the config's parameters and seed, shuffled and split."""
    rng = np.random.default_rng(c.data_seed)
    x, y = examples(c, rng)
    order = rng.permutation(len(x))
    x, y = x[order].astype(np.float32), y[order, :, None].astype(np.float32)
    cut = min(max(round(c.train_share * len(x)), 1), len(x) - 1)
    return TokenData(x[:cut], y[:cut], x[cut:], y[cut:])
