// The attention lab's guided lessons: what attention computes, heads that specialise, and
// grokking. Each is a preset of this lab's settings and what to try and notice (see
// shell/lessons.ts); every value a step names is one the server accepts
// (tests/frontend/labs/attention/lessons.test.ts checks the presets).

import { LAB_CONSTANTS } from "../../protocol/constants";
import type { Lesson } from "../../shell/lessons";

/** The server's grokking preset (README), with the step axis on a log scale, flat out:
 *  the jump comes after tens of thousands of steps. */
const GROKKING = new URLSearchParams([...Object.entries(LAB_CONSTANTS.attention.grokking).map(([key, value]) => [key, String(value)]), ["log_steps", "1"], ["steps_per_second", "1000000"]]).toString();

export const LESSONS: readonly Lesson[] = [
  {
    id: "attention",
    title: "What attention computes",
    idea: "Each position asks a question (its query) and every position offers an answer to match (its key): the better they match, q·k/√d, the more of that position's value it reads. The softmax turns the scores into weights that add up to 1. To say a sequence backwards, position 1 must read the last position, position 2 the one before it: the attention map becomes the anti-diagonal.",
    preset: "task=reverse&length=8&layers=1&heads=1&width=32&causal=0",
    focus: "maps",
    tryThis: [
      "Watch the attention map (queries down, keys across, dark: read most): noise at first, then the anti-diagonal, while the answer row turns blue.",
      "Press Step through an attention, or click a row of the map: the query, every key, the scores, the softmax and the weighted sum, with the engine's numbers.",
      "Change the length to 12 while it trains: the map grows, and the new positions must learn where to look.",
      "Switch the positions to sinusoidal: fixed waves instead of learned vectors; watch the position map below the curves.",
    ],
    notice: [
      "Nothing in the network says where the tokens are but the position vectors added to them: without them, attention could not tell the first token from the last.",
      "The weights of a row add up to 1: attention is a weighted average of the values.",
    ],
  },
  {
    id: "heads",
    title: "Heads that specialise",
    idea: "A block has several heads, each with its own queries, keys and values on a slice of the width. Each can learn to look for something else: one the position before, one the same token, one the smallest token left. Sorting needs content (which tokens are small), not only positions.",
    preset: "task=sort&length=8&vocabulary=10&layers=2&heads=4&width=64",
    focus: "maps",
    tryThis: [
      "Watch the eight maps: some heads attend by position (lines and diagonals), others by content (scattered, changing with the probe).",
      "Step through ‹ › the test examples: a positional head's map stays the same; a content head's map moves with the tokens.",
      "Set the heads to 1 while it trains: one head must do everything, and accuracy dips before it recovers.",
      "Switch the task to induction (the causal mask comes with it): with 2 blocks a head learns to find where the current token was seen before and read the token after it.",
    ],
    notice: [
      "Heads share the width: 4 heads of a width of 64 have 16 dimensions each.",
      "The induction pattern needs two blocks: one head copies each position's previous token into it, a second finds the earlier copy of the current token.",
    ],
  },
  {
    id: "grokking",
    title: "Grokking and weight decay",
    idea: "Trained on 30 % of the sums a + b mod 97, the network first memorises them: training accuracy reaches 100 % while test accuracy stays near chance. Much later, with weight decay pulling every weight towards 0, it finds the simpler rule that adds on a circle, and test accuracy jumps. The step axis is logarithmic: the jump comes most of a decade after memorising.",
    preset: GROKKING,
    focus: "curves",
    tryThis: [
      "Watch the curves: training accuracy reaches 100 % by step 1,000; test accuracy waits, then jumps after step 5,000 (two minutes or so on a laptop's CPU).",
      "Watch the token map: the 97 numbers start as a cloud and, as the network generalises, arrange themselves on circles.",
      "Compare weight decay 0 | 0.5 with Compare…: without weight decay the test accuracy stays low far longer.",
      "Raise the training examples to 60 %: with more of the sums to learn from, generalising comes much sooner.",
    ],
    notice: [
      "Memorising fits the training sums with large weights; weight decay makes large weights cost, so the compact rule wins in the end.",
      "The test loss can rise while training accuracy is already 100 %: the memorising network is confidently wrong on sums it has not seen.",
    ],
  },
];
