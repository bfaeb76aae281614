// The sequences lab's guided lessons: memory in a loop, why plain RNNs forget, gates that
// decide what to keep, and writing text. Each is a preset of this lab's settings and what
// to try and notice (see shell/lessons.ts); every value a step names is one the server
// accepts (tests/frontend/labs/sequences/lessons.test.ts checks the presets).

import type { Lesson } from "../../shell/lessons";

export const LESSONS: readonly Lesson[] = [
  {
    id: "memory",
    title: "Memory in a loop",
    idea: "A recurrent network reads a sequence one step at a time and hands its hidden state on to the next step: the state is its only memory. To echo the symbol seen a few steps ago, it must keep that symbol in its state until it is needed.",
    preset: "task=echo&delay=2&length=20&cell=rnn",
    focus: "states",
    tryThis: [
      "Watch the unrolled probe: the answer row turns blue, step by step, as the network learns to repeat the symbol from 2 steps back.",
      "Raise the delay to 5, then to 10, while it trains: the network must now hold more symbols at once.",
      "Watch the hidden state heatmap: time runs across, units down; a symbol held in memory shows as a pattern carried along the row for several steps.",
      "Switch the cell to LSTM with a delay of 10 and compare the accuracy per position.",
    ],
    notice: [
      "The first `delay` steps are easy: there is nothing to recall yet, and the answer is the dot.",
      "The longer the delay, the slower a plain RNN learns, and the lower its accuracy stays.",
    ],
  },
  {
    id: "forgetting",
    title: "Why plain RNNs forget",
    idea: "The gradient reaches an early step only through every step after it, multiplied by the recurrent weights and the tanh's slope each time. In a plain RNN that product shrinks step by step: the early steps get almost no gradient, so what happened there is never learned.",
    preset: "task=adding&length=50&cell=rnn",
    focus: "gradient-time",
    tryThis: [
      "Watch the gradient through time, ‖∂L/∂hₜ‖ on a log scale: for the plain RNN it falls by decades from step 50 back to step 1.",
      "Switch the cell to LSTM while it trains and watch the line flatten: the cell state carries the gradient back.",
      "Compare rnn | lstm side by side with Compare… (cell: rnn|lstm).",
      "Set the backprop window to 10: no gradient flows further back than 10 steps, and the network cannot learn to add numbers marked earlier than that.",
      "Click the last step of a unit on the hidden state heatmap: the step-through shows that step's arithmetic, and its bars show which steps one recurrent weight's gradient comes from. For the plain RNN only the last few steps have bars; for an LSTM they reach further back.",
    ],
    notice: [
      "The adding problem's target is at the end, so only the gradient through time tells the network about the marked numbers early in the sequence.",
      "Always saying the average sum, 1, scores a mean squared error of about 0.17 (the sum's variance): only a network well below that has learned to add.",
    ],
  },
  {
    id: "gates",
    title: "Gates that decide what to keep",
    idea: "An LSTM has gates, numbers between 0 and 1 per unit and step: the input gate lets the new input into the cell state, the forget gate keeps or wipes what the cell holds, the output gate decides what of it the hidden state shows. Learning the gates is learning what to remember.",
    preset: "task=echo&delay=5&length=20&cell=lstm&hidden=8",
    focus: "states",
    tryThis: [
      "Watch the three gate heatmaps (blue: open, pale: shut) and the cell state while the echo task is learned.",
      "Switch the task to parity: the answer flips with every 1 in the input, and the cell state must keep one bit for the whole sequence.",
      "Switch the cell to GRU: two gates, update and reset, and no separate cell state.",
      "Switch the cell to a plain RNN: the gate heatmaps disappear, since the RNN has none.",
    ],
    notice: [
      "The forget gate starts mostly open (its bias starts at 1): an LSTM remembers by default and learns what to forget.",
      "Units differ: some gates stay open all along, others open only at certain steps.",
    ],
  },
  {
    id: "text",
    title: "Writing text, one character at a time",
    idea: "Trained to predict the next character of a text, the network can write: it picks a character from its prediction, reads it back, and predicts the next. The temperature decides how boldly it picks.",
    preset: "task=text&length=30&cell=lstm&hidden=64",
    focus: "curves",
    tryThis: [
      "Watch the sample below the unrolled probe: noise at first, then words of the poem, then lines.",
      "Move the temperature to 0.2: the network picks its likeliest characters and tends to repeat itself; at 1.5 it invents.",
      "Paste a text of your own (at least 31 characters, at most 64 distinct) and press Use this text.",
    ],
    notice: [
      "The unrolled probe shows the next character the network expects at each step: right more often inside words than at their starts.",
      "The sample uses the same random numbers every frame, so what changes in it is what the network learned.",
    ],
  },
];
