// The 2D lab's guided lessons, in the order of the curriculum (../shared/DESIGN.md): each
// a preset of this lab's settings and what to try and notice (see shell/lessons.ts).

import type { Lesson } from "../../shell/lessons";

export const LESSONS: readonly Lesson[] = [
  {
    id: "neuron",
    title: "A neuron",
    idea: "One neuron computes a weighted sum of its inputs plus a bias, z = w₁x₁ + w₂x₂ + b, and passes it through an activation. With no hidden layer, the whole network is that one neuron.",
    preset: "dataset=gauss&hidden=",
    focus: "network",
    tryThis: [
      "Hover the output neuron to read its formula with the current weights.",
      "Click a link and type a new weight (try 0, then a negative number); click the small bias square to change the bias.",
      "Press Reset, then Play, and watch training find the weights again.",
    ],
    notice: [
      "The boundary between blue and orange is a straight line, where w₁x₁ + w₂x₂ + b = 0.",
      "The weights turn the line; the bias shifts it without turning it.",
    ],
  },
  {
    id: "non-linearity",
    title: "Why non-linearity",
    idea: "XOR cannot be split by one straight line. Hidden layers help only if their activation bends: a stack of linear layers is still one linear function.",
    preset: "dataset=xor&hidden=4&activations=linear",
    focus: "network",
    tryThis: [
      "Let it train with the linear activation: the loss stalls.",
      "Switch the activation to Tanh or ReLU, above the diagram, while it trains.",
      "Remove the hidden layer (−) and see that no activation saves a single neuron.",
    ],
    notice: [
      "With linear activations every hidden neuron's map is a straight ramp, and so is the output.",
      "With a bending activation the neurons' maps combine into the four XOR quadrants.",
    ],
  },
  {
    id: "depth",
    title: "Layers and depth",
    idea: "Deeper networks build features from features: the first layer cuts the plane with lines, later layers combine those cuts into curves and spirals.",
    preset: "dataset=spiral&hidden=8&optimizer=adam&learning_rate=0.01",
    focus: "network",
    tryThis: [
      "Watch one hidden layer of 8 struggle with the spiral.",
      "Add layers with + (three layers of 8 is plenty) and keep training: the weights learned so far are kept.",
      "Hover neurons in the first and in the last hidden layer and compare their maps.",
    ],
    notice: [
      "First-layer maps are simple ramps and folds; deeper maps are shapes made of them.",
      "The spiral is solved by depth, not by more neurons in one layer.",
    ],
  },
  {
    id: "learning-rate",
    title: "The learning rate",
    idea: "Gradient descent moves each weight by −learning rate × gradient. Too large a step overshoots; too small a step crawls.",
    preset: "dataset=circle&learning_rate=3",
    focus: "curves",
    tryThis: [
      "Press Start training at 3: the loss jumps about or the training diverges (a banner offers a way back).",
      "Slide the learning rate down to 0.0001 and watch it crawl.",
      "Try 0.03 and 0.3; Reset between tries to start from the same weights.",
    ],
    notice: [
      "The loss curve tells the story: a jagged or rising curve means too large, a flat slow slope too small.",
      "The right rate depends on the network and the loss, which is why it is the first thing to tune.",
    ],
  },
  {
    id: "backprop",
    title: "Backpropagation",
    idea: "Backprop assigns blame: the loss's error signal δ flows back from the output, and each weight's gradient is δ of its target times the activation of its source (the chain rule).",
    preset: "dataset=circle&hidden=3,2&learning_rate=0.1",
    focus: "network",
    stepThrough: true,
    tryThis: [
      "Click a training point on the output plot, then go through the stages with → and ←.",
      "In the backward stages, hover a gradient's row to see the chain rule for that link written out.",
      "Edit a weight on the diagram and see every number after it change.",
    ],
    notice: [
      "The forward pass fills in a on every neuron; the backward pass fills in δ from the output back.",
      "The update is old weight − learning rate × gradient: exactly what one training step does for this one example.",
    ],
  },
  {
    id: "vanishing-gradients",
    title: "Vanishing gradients",
    idea: "Each layer multiplies the error signal by the activation's slope. Sigmoid's slope is at most ¼, so through many layers the gradient shrinks to almost nothing.",
    preset: "dataset=circle&hidden=8,8,8,8,8,8&activations=sigmoid",
    focus: "inside",
    tryThis: [
      "Scroll to 'Inside the network' and watch the gradient norm per layer.",
      "Switch all layers to ReLU or Tanh while it trains.",
      "Try He initialisation (Run settings) with ReLU.",
    ],
    notice: [
      "With sigmoid the first layers' gradients are orders of magnitude below the last layer's, so they barely learn.",
      "With ReLU the norms stay close to each other and training gets going.",
    ],
  },
  {
    id: "overfitting",
    title: "Overfitting and regularization",
    idea: "A big network trained on few, noisy points learns the noise: the training loss keeps falling while the test loss turns up.",
    // The gap opens over thousands of steps: faster than the other lessons.
    preset: "dataset=circle&noise=0.5&train_share=0.1&hidden=16,16,16&activations=relu&optimizer=adam&learning_rate=0.01&show_test=1&steps_per_second=300",
    focus: "curves",
    tryThis: [
      "Watch the training and test loss curves part: that gap is overfitting.",
      "Turn on L2 regularization (rate 0.01 to 0.03), or dropout on the hidden layers, and Reset.",
      "Stop early: pause where the test loss is lowest; those are the weights to keep.",
    ],
    notice: [
      "The dark-edged test points sit in regions the network carved out around single noisy training points.",
      "Regularization trades a little training loss for a smoother boundary and a lower test loss.",
    ],
  },
  {
    id: "optimizers",
    title: "Optimizers",
    idea: "SGD follows the gradient; momentum keeps a running direction; Adam scales each weight's step by its gradient's history. Same data, same start, different paths.",
    preset: "dataset=spiral&hidden=8,8&learning_rate=0.01",
    focus: "curves",
    tryThis: [
      "Let plain SGD run for a while and note the loss.",
      "Switch the optimizer to Momentum, then Adam, pressing Reset each time: the same seed gives the same initial weights.",
      "Raise the learning rate to 0.1 with Adam and see how it copes.",
    ],
    notice: [
      "Adam usually drops the loss fastest on this spiral; momentum is in between.",
      "Reset keeps the comparison fair: only the optimizer changed.",
    ],
  },
];
