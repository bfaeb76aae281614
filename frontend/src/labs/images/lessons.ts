// The images lab's guided lessons, in the order of the curriculum (../shared/DESIGN.md):
// each a preset of this lab's settings and what to try and notice (see shell/lessons.ts).

import type { Lesson } from "../../shell/lessons";

export const LESSONS: readonly Lesson[] = [
  {
    id: "filters",
    title: "What a filter detects",
    idea: "A convolution slides each small filter over the image and writes how well every window matches it: a feature map. Training shapes the filters into the strokes and edges that tell the digits apart.",
    preset: "filters=8&pooling=none",
    focus: "filters",
    tryThis: [
      "Watch the eight 3 x 3 filters of the only layer while it trains: each starts as noise.",
      "Step through test images with ‹ › and compare each filter with its feature map: bright blue where the window matches, orange where it is the filter's opposite.",
      "Set the kernel to 5 while it trains and see larger strokes appear.",
    ],
    notice: [
      "Each filter's gradient, beside it, shows where learning is still pushing it; it fades as the filter settles.",
      "Different filters answer to different strokes: horizontal bars, diagonals, curves' ends.",
    ],
  },
  {
    id: "pooling",
    title: "Pooling and shift invariance",
    idea: "Pooling keeps the strongest (or the average) answer of each 2 x 2 block, so a stroke moved by a pixel gives nearly the same pooled map: the network cares less where a stroke is.",
    preset: "filters=8,16&pooling=none",
    focus: "maps",
    tryThis: [
      "Train without pooling and note the test accuracy and the feature maps' size (8 x 8).",
      "Switch pooling to Max while it trains: the maps shrink to 4 x 4 and 2 x 2, and the dense layer after them needs far fewer weights.",
      "Compare none and max side by side with Compare… (pooling: none|max).",
    ],
    notice: [
      "Pooled maps are coarser, yet the accuracy holds or improves: exact positions mattered little.",
      "With pooling the mistakes gallery keeps fewer digits that are merely shifted.",
    ],
  },
  {
    id: "overfitting",
    title: "Overfitting on few images, and dropout",
    idea: "With few training images a network can learn them by heart: the training loss falls to zero while the test loss turns up. Dropout, which silences random units while training, makes memorising harder.",
    preset: "train_share=0.1&filters=16,32&dense=64",
    focus: "curves",
    tryThis: [
      "Train on 10 % of the digits: watch the training and test loss curves part.",
      "Raise dropout to 0.5 while it trains and watch the test loss.",
      "Turn on random shifts of ±1 px: every step sees the images moved anew, so they are harder to learn by heart.",
      "Raise the training share to 50 % and see the gap close.",
    ],
    notice: [
      "Training accuracy reaches 100 % long before the test accuracy stops rising.",
      "The mistakes gallery shows which digits the memorising network never learned to generalise.",
    ],
  },
];
