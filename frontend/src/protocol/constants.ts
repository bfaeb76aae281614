/* Generated from the server's protocol by 'make protocol'. Do not edit. */

/** The protocol the server speaks, as its `hello` names it. */
export const PROTOCOL_VERSION = 2 as const;

/** The length word that starts a deflated binary message (a zlib stream of the message follows). */
export const DEFLATED = 4294967295 as const;

/** The vocabulary's plane extent. */
export const PLANE_EXTENT = 6.0 as const;

/** The vocabulary's labs. */
export const LABS = ["points", "images", "sequences", "attention"] as const;

/** The vocabulary's dataset names. */
export const DATASET_NAMES = ["circle", "xor", "gauss", "spiral", "spiral3", "blobs4", "moons3", "plane", "bumps"] as const;

/** The vocabulary's feature names. */
export const FEATURE_NAMES = ["x1", "x2", "x1_sq", "x2_sq", "x1_x2", "sin_x1", "sin_x2"] as const;

/** The vocabulary's activation names. */
export const ACTIVATION_NAMES = ["relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid", "softplus", "sine", "linear"] as const;

/** The vocabulary's initializer names. */
export const INITIALIZER_NAMES = ["uniform", "xavier", "he", "zeros"] as const;

/** The vocabulary's problems. */
export const PROBLEMS = ["binary", "multiclass", "regression"] as const;

/** The vocabulary's loss names. */
export const LOSS_NAMES = ["mse", "log", "cross_entropy", "huber"] as const;

/** The vocabulary's losses by problem. */
export const LOSSES_BY_PROBLEM = { binary: ["mse", "log"], multiclass: ["cross_entropy"], regression: ["mse", "huber"] } as const;

/** The vocabulary's optimizer names. */
export const OPTIMIZER_NAMES = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"] as const;

/** The vocabulary's optimizer settings. */
export const OPTIMIZER_SETTINGS = {
  sgd: [],
  momentum: ["momentum"],
  nesterov: ["momentum"],
  adam: ["beta1", "beta2"],
  adamw: ["beta1", "beta2", "weight_decay"],
  rmsprop: ["rms_decay"],
  adagrad: [],
} as const;

/** The vocabulary's schedules. */
export const SCHEDULES = ["constant", "step", "cosine"] as const;

/** The vocabulary's regularizations. */
export const REGULARIZATIONS = ["none", "l1", "l2"] as const;

/** The vocabulary's landscape directions. */
export const LANDSCAPE_DIRECTIONS = ["random", "pca"] as const;

/** The vocabulary's view requests. */
export const VIEW_REQUESTS = ["subscribe", "landscape", "explain", "explain_conv", "explain_step", "explain_attention"] as const;

/** SessionConfig's fields: default and bounds. */
export const CONFIG = {
  init: { default: "uniform" },
  seed: { default: 0, min: 0, max: 2147483647, integer: true },
  loss: { default: "mse" },
  regularization: { default: "none" },
  regularization_rate: { default: 0.0, min: 0.0, max: 10.0, integer: false },
  optimizer: { default: "sgd" },
  learning_rate: { default: 0.03, min: 1e-05, max: 10.0, integer: false },
  momentum: { default: 0.9, min: 0.0, max: 0.999, integer: false },
  beta1: { default: 0.9, min: 0.0, max: 0.999, integer: false },
  beta2: { default: 0.999, min: 0.0, max: 0.9999, integer: false },
  weight_decay: { default: 0.0001, min: 0.0, max: 1.0, integer: false },
  rms_decay: { default: 0.9, min: 0.0, max: 0.999, integer: false },
  schedule: { default: "constant" },
  schedule_steps: { default: 1000, min: 1, max: 1000000, integer: true },
  schedule_gamma: { default: 0.5, min: 0.01, max: 1.0, integer: false },
  warmup_steps: { default: 0, min: 0, max: 100000, integer: true },
  grad_clip: { default: 0.0, min: 0.0, max: 100.0, integer: false },
  early_stopping: { default: false },
  patience: { default: 1000, min: 10, max: 1000000, integer: true },
  batch_size: { default: 10, min: 1, max: 10000, integer: true },
  steps_per_second: { default: 1000.0, min: 1.0, max: 1000000.0, integer: false },
} as const;

/** Subscribe's fields: default and bounds. */
export const SUBSCRIBE = {
  output_resolution: { default: 100, min: 10, max: 200, integer: true },
  neuron_resolution: { default: 50, min: 0, max: 100, integer: true },
  parameters: { default: true },
  compression: { default: "none" },
} as const;

/** Landscape's fields: default and bounds. */
export const LANDSCAPE = {
  directions: { default: "random" },
  resolution: { default: 25, min: 5, max: 41, integer: true },
  span: { default: 1.0, min: 0.01, max: 10.0, integer: false },
  seed: { default: 0, min: 0, max: 2147483646, integer: true },
} as const;

/** Each lab's part of SessionConfig, by lab: its fields' default and bounds. */
export const LAB_CONFIGS = {
  points: {
    dataset: { default: "circle" },
    noise: { default: 0.0, min: 0.0, max: 0.5, integer: false },
    train_share: { default: 0.5, min: 0.1, max: 0.9, integer: false },
    data_seed: { default: 0, min: 0, max: 2147483647, integer: true },
    features: { default: ["x1", "x2"], minItems: 1, maxItems: 7 },
    hidden: { default: [4, 2], minItems: 0, maxItems: 8, items: { min: 1, max: 16, integer: true } },
    activations: { default: ["tanh", "tanh"], minItems: 0, maxItems: 8 },
    dropout: { default: [], minItems: 0, maxItems: 8, items: { min: 0.0, max: 0.9, integer: false } },
  },
  images: {
    dataset: { default: "digits" },
    train_share: { default: 0.5, min: 0.1, max: 0.9, integer: false },
    data_seed: { default: 0, min: 0, max: 2147483647, integer: true },
    probe: { default: 0, min: 0, max: 1796, integer: true },
    filters: { default: [8, 16], minItems: 1, maxItems: 4, items: { min: 1, max: 32, integer: true } },
    kernel: { default: 3, values: [3, 5] },
    stride: { default: 1, values: [1, 2] },
    padding: { default: "same" },
    pooling: { default: "max" },
    activation: { default: "relu" },
    dense: { default: [], minItems: 0, maxItems: 2, items: { min: 1, max: 128, integer: true } },
    dropout: { default: 0.0, min: 0.0, max: 0.9, integer: false },
    shift: { default: 0, values: [0, 1, 2] },
    rotate: { default: 0, values: [0, 10, 20] },
  },
  sequences: {
    task: { default: "echo" },
    length: { default: 20, min: 2, max: 100, integer: true },
    delay: { default: 3, min: 1, max: 99, integer: true },
    noise: { default: 0.1, min: 0.0, max: 1.0, integer: false },
    text: {
      default: "Tyger Tyger, burning bright,\nIn the forests of the night;\nWhat immortal hand or eye,\nCould frame thy fearful symmetry?\n\nIn what distant deeps or skies.\nBurnt the fire of thine eyes?\nOn what wings dare he aspire?\nWhat the hand, dare seize the fire?\n",
      maxLength: 20000,
    },
    temperature: { default: 0.8, min: 0.1, max: 2.0, integer: false },
    train_share: { default: 0.8, min: 0.1, max: 0.9, integer: false },
    data_seed: { default: 0, min: 0, max: 2147483647, integer: true },
    probe: { default: 0, min: 0, max: 499, integer: true },
    cell: { default: "lstm" },
    layers: { default: 1, min: 1, max: 3, integer: true },
    hidden: { default: 16, min: 1, max: 64, integer: true },
    bptt: { default: 0, min: 0, max: 100, integer: true },
  },
  attention: {
    task: { default: "reverse" },
    vocabulary: { default: 10, min: 2, max: 32, integer: true },
    length: { default: 8, min: 2, max: 16, integer: true },
    shift: { default: 1, min: 1, max: 15, integer: true },
    modulus: { default: 97, min: 2, max: 113, integer: true },
    train_share: { default: 0.8, min: 0.05, max: 0.95, integer: false },
    data_seed: { default: 0, min: 0, max: 2147483647, integer: true },
    probe: { default: 0, min: 0, max: 12768, integer: true },
    layers: { default: 1, min: 1, max: 4, integer: true },
    heads: { default: 2, min: 1, max: 8, integer: true },
    width: { default: 32, min: 8, max: 128, integer: true },
    mlp: { default: 64, min: 0, max: 512, integer: true },
    positions: { default: "learned" },
    causal: { default: false },
    norm: { default: "pre" },
    dropout: { default: 0.0, min: 0.0, max: 0.5, integer: false },
  },
} as const;

/** The shared settings a new session of each lab starts with. */
export const LAB_PRESETS = {
  points: {},
  images: { optimizer: "adam", learning_rate: 0.003, batch_size: 32, init: "he" },
  sequences: { optimizer: "adam", learning_rate: 0.01, batch_size: 32, init: "xavier", grad_clip: 1.0 },
  attention: {
    optimizer: "adamw",
    learning_rate: 0.003,
    batch_size: 64,
    init: "xavier",
    weight_decay: 0.01,
    grad_clip: 1.0,
  },
} as const;

/** Facts each lab's page needs besides its settings' bounds. */
export const LAB_CONSTANTS = {
  points: {},
  images: {},
  sequences: {
    task_goals: {
      echo: "Output the symbol seen `delay` steps ago (class 0 until there is one).",
      parity: "Say whether the bits so far hold an odd number of ones.",
      adding: "Add the two numbers marked 1 in a long sequence, and say it at the end.",
      wave: "Predict the next value of a noisy mixture of sines.",
      text: "Predict the next character of the text, then write more of it.",
    },
    gates: { rnn: [], lstm: ["input", "forget", "output"], gru: ["update", "reset"] },
    parts: {
      rnn: ["candidate"],
      lstm: ["input", "forget", "candidate", "output"],
      gru: ["update", "reset", "candidate"],
    },
  },
  attention: {
    task_goals: {
      reverse: "Say the sequence backwards.",
      sort: "Say the sequence's tokens in increasing order.",
      shift: "Say the sequence moved `shift` places to the right (wrapping around).",
      induction: "A random half, then the same half again: predict each next token of the repeat (always with the causal mask, or the answer is in plain sight).",
      modular: "Say (a + b) mod p for the pairs a, b it has not seen: grokking.",
    },
    grokking: {
      task: "modular",
      modulus: 97,
      train_share: 0.3,
      layers: 1,
      heads: 4,
      width: 64,
      mlp: 256,
      optimizer: "adamw",
      learning_rate: 0.001,
      weight_decay: 0.5,
      batch_size: 512,
      beta2: 0.98,
    },
  },
} as const;

/** The arrays each binary message may carry, by kind (dims named in its header's description). */
export const ARRAYS = {
  attention_explanation: [
    {
      name: "query_vector",
      dtype: "float32",
      shape: ["d"],
      optional: false,
      doc: "q: the query position's input times W_q, the head's columns.",
    },
    {
      name: "keys",
      dtype: "float32",
      shape: ["S", "d"],
      optional: false,
      doc: "k of every position.",
    },
    {
      name: "values",
      dtype: "float32",
      shape: ["S", "d"],
      optional: false,
      doc: "v of every position.",
    },
    {
      name: "scores",
      dtype: "float32",
      shape: ["S"],
      optional: false,
      doc: "q·k/√d for every key, before the mask.",
    },
    {
      name: "allowed",
      dtype: "float32",
      shape: ["S"],
      optional: false,
      doc: "1 where the mask lets the query see the key, 0 where it hides it.",
    },
    {
      name: "weights",
      dtype: "float32",
      shape: ["S"],
      optional: false,
      doc: "The softmax of the allowed scores: they add up to 1.",
    },
    {
      name: "mixed",
      dtype: "float32",
      shape: ["d"],
      optional: false,
      doc: "Σ weights · values: what the head passes on for this position.",
    },
    {
      name: "score_gradients",
      dtype: "float32",
      shape: ["S"],
      optional: false,
      doc: "∂ loss / ∂ score of every key.",
    },
    {
      name: "weight_shares",
      dtype: "float32",
      shape: ["S"],
      optional: false,
      doc: "Each key's share of ∂ loss / ∂ W_q[row, column] through this query: input[row] · k[column] / √d · ∂ loss / ∂ score.",
    },
  ],
  conv_explanation: [
    {
      name: "window",
      dtype: "float32",
      shape: ["k", "k", "C"],
      optional: false,
      doc: "The layer's input under the filter (the probe, or the pooled maps of the layer before), 0 where same padding reaches outside.",
    },
    {
      name: "kernel",
      dtype: "float32",
      shape: ["k", "k", "C"],
      optional: false,
      doc: "The filter's weights.",
    },
    {
      name: "products",
      dtype: "float32",
      shape: ["k", "k", "C"],
      optional: false,
      doc: "window * kernel, elementwise: they add up to `sum`.",
    },
    {
      name: "pool_window",
      dtype: "float32",
      shape: ["P", "P"],
      optional: false,
      doc: "The activations pooled together with this one (P = 2; P = 0 without pooling, or where the position's row or column is an odd last one that pooling leaves out).",
    },
  ],
  data: [
    {
      name: "x_train",
      dtype: "float32",
      shape: ["n_train", "d"],
      optional: false,
      doc: "The training examples.",
    },
    {
      name: "y_train",
      dtype: "float32",
      shape: ["n_train", "k"],
      optional: false,
      doc: "Their labels.",
    },
    {
      name: "x_test",
      dtype: "float32",
      shape: ["n_test", "d"],
      optional: false,
      doc: "The test examples.",
    },
    {
      name: "y_test",
      dtype: "float32",
      shape: ["n_test", "k"],
      optional: false,
      doc: "Their labels.",
    },
  ],
  explanation: [
    {
      name: "inputs",
      dtype: "float32",
      shape: ["features"],
      optional: false,
      doc: "The example's features.",
    },
    {
      name: "pre",
      dtype: "float32",
      shape: ["neurons"],
      optional: false,
      doc: "Each neuron's weighted sum + bias.",
    },
    {
      name: "post",
      dtype: "float32",
      shape: ["neurons"],
      optional: false,
      doc: "Each neuron's output, after the activation.",
    },
    {
      name: "deltas",
      dtype: "float32",
      shape: ["neurons"],
      optional: false,
      doc: "Each neuron's error signal dL/dz.",
    },
    {
      name: "weight_grads",
      dtype: "float32",
      shape: ["W"],
      optional: false,
      doc: "The weights: their gradient on this example.",
    },
    {
      name: "bias_grads",
      dtype: "float32",
      shape: ["B"],
      optional: false,
      doc: "The biases: their gradient on this example.",
    },
    {
      name: "weight_updates",
      dtype: "float32",
      shape: ["W"],
      optional: false,
      doc: "The weights: what the optimizer adds to them.",
    },
    {
      name: "bias_updates",
      dtype: "float32",
      shape: ["B"],
      optional: false,
      doc: "The biases: what the optimizer adds to them.",
    },
  ],
  frame: [
    {
      name: "output",
      dtype: "uint8",
      shape: ["R", "R"],
      optional: false,
      doc: "The network's output over the input plane, over [low, high].",
    },
    {
      name: "classes",
      dtype: "uint8",
      shape: ["R", "R"],
      optional: true,
      doc: "The winning class over the input plane; multi-class problems only.",
    },
    {
      name: "neurons",
      dtype: "uint8",
      shape: ["nodes", "Rn", "Rn"],
      optional: true,
      doc: "Each feature's and hidden neuron's output over the plane, each over its own [-m, m].",
    },
    {
      name: "weights",
      dtype: "float32",
      shape: ["W"],
      optional: true,
      doc: "The weights: their values.",
    },
    {
      name: "biases",
      dtype: "float32",
      shape: ["B"],
      optional: true,
      doc: "The biases: their values.",
    },
    {
      name: "weight_grads",
      dtype: "float32",
      shape: ["W"],
      optional: true,
      doc: "The weights: their gradient on the whole training set.",
    },
    {
      name: "bias_grads",
      dtype: "float32",
      shape: ["B"],
      optional: true,
      doc: "The biases: their gradient on the whole training set.",
    },
    {
      name: "kernels",
      dtype: "float32",
      shape: ["K"],
      optional: true,
      doc: "The convolution kernels.",
    },
    {
      name: "kernel_grads",
      dtype: "float32",
      shape: ["K"],
      optional: true,
      doc: "Their gradient on the whole training set.",
    },
    {
      name: "kernel_shapes",
      dtype: "int32",
      shape: ["Lc", 4],
      optional: true,
      columns: ["kernel", "kernel", "in", "out"],
      doc: "Each layer's kernel shape.",
    },
    {
      name: "feature_maps",
      dtype: "float32",
      shape: ["M"],
      optional: true,
      doc: "The probe's feature maps.",
    },
    {
      name: "map_shapes",
      dtype: "int32",
      shape: ["Lc", 3],
      optional: true,
      columns: ["side", "side", "filters"],
      doc: "Each layer's feature-map shape.",
    },
    {
      name: "probe",
      dtype: "float32",
      shape: ["side", "side"],
      optional: true,
      doc: "The probe: a test image or the user's drawing.",
    },
    {
      name: "probe_label",
      dtype: "int32",
      shape: [1],
      optional: true,
      doc: "The probe's class, -1 for a drawing.",
    },
    {
      name: "probabilities",
      dtype: "float32",
      shape: [10],
      optional: true,
      doc: "The probe's class probabilities.",
    },
    {
      name: "saliency",
      dtype: "float32",
      shape: ["side", "side"],
      optional: true,
      doc: "|∂ score of the predicted class / ∂ pixel| for the probe.",
    },
    {
      name: "predictions",
      dtype: "int32",
      shape: ["n_test"],
      optional: true,
      doc: "The class predicted for each test image.",
    },
    {
      name: "confusion",
      dtype: "int32",
      shape: [10, 10],
      optional: true,
      doc: "Test images by true class (rows) and predicted class (columns).",
    },
    {
      name: "sequence_inputs",
      dtype: "float32",
      shape: ["T", "I"],
      optional: true,
      doc: "The probe sequence's inputs: each step's values, or the index of its symbol or character (I = 1).",
    },
    {
      name: "sequence_targets",
      dtype: "float32",
      shape: ["P"],
      optional: true,
      doc: "Its targets: a class index or a value per step with a target.",
    },
    {
      name: "sequence_outputs",
      dtype: "float32",
      shape: ["P", "K"],
      optional: true,
      doc: "The network's outputs there: class probabilities, or the value.",
    },
    {
      name: "hidden_states",
      dtype: "float32",
      shape: ["L", "T", "H"],
      optional: true,
      doc: "Each layer's hidden state at each step of the probe.",
    },
    {
      name: "gate_values",
      dtype: "float32",
      shape: ["L", "G", "T", "H"],
      optional: true,
      doc: "Each gate's value at each step (lstm: input, forget, output; gru: update, reset).",
    },
    {
      name: "cell_states",
      dtype: "float32",
      shape: ["L", "T", "H"],
      optional: true,
      doc: "An LSTM's cell state at each step (empty for other cells).",
    },
    {
      name: "gradient_through_time",
      dtype: "float32",
      shape: ["L", "T"],
      optional: true,
      doc: "‖∂ loss / ∂ hₜ‖: how much the loss on test sequences depends on each layer's state at step t.",
    },
    {
      name: "position_scores",
      dtype: "float32",
      shape: ["P"],
      optional: true,
      doc: "Per step with a target, over the test sequences: the accuracy (classes) or the mean squared error (values).",
    },
    {
      name: "text_sample",
      dtype: "int32",
      shape: ["S"],
      optional: true,
      doc: "text: a continuation the network samples at the temperature, as classes (indices into text_vocabulary; empty for other tasks).",
    },
    {
      name: "text_vocabulary",
      dtype: "int32",
      shape: ["V"],
      optional: true,
      doc: "text: the characters, as Unicode code points, in the order of the classes (empty for other tasks).",
    },
    {
      name: "tokens",
      dtype: "int32",
      shape: ["S"],
      optional: true,
      doc: "The probe's input tokens (the last, V - 1, is the separator or '=').",
    },
    {
      name: "token_targets",
      dtype: "int32",
      shape: ["P"],
      optional: true,
      doc: "The answer the probe should get, at the last P positions.",
    },
    {
      name: "token_outputs",
      dtype: "float32",
      shape: ["P", "K"],
      optional: true,
      doc: "The network's class probabilities there.",
    },
    {
      name: "attention_maps",
      dtype: "float32",
      shape: ["L", "A", "S", "S"],
      optional: true,
      doc: "Every head's attention on the probe: row q, how much position q reads each position.",
    },
    {
      name: "answer_scores",
      dtype: "float32",
      shape: ["P"],
      optional: true,
      doc: "The test accuracy at each answer position (over the first 512 test examples).",
    },
    {
      name: "token_map",
      dtype: "float32",
      shape: ["V", 2],
      optional: true,
      doc: "The token embeddings projected on their two principal components.",
    },
    {
      name: "position_map",
      dtype: "float32",
      shape: ["S", 2],
      optional: true,
      doc: "The position embeddings projected on their two principal components.",
    },
    {
      name: "layer_stats",
      dtype: "float32",
      shape: ["L", 9],
      optional: true,
      columns: [
        "grad_norm",
        "weight_mean",
        "weight_std",
        "activation_mean",
        "activation_std",
        "dead_units",
        "weight_limit",
        "grad_limit",
        "activation_limit",
      ],
      doc: "Each layer's statistics; the limits bound its histograms.",
    },
    {
      name: "weight_hist",
      dtype: "float32",
      shape: ["L", "bins"],
      optional: true,
      doc: "Each layer's weights counted in equal bins over [-limit, limit].",
    },
    {
      name: "grad_hist",
      dtype: "float32",
      shape: ["L", "bins"],
      optional: true,
      doc: "Each layer's gradients counted in equal bins over [-limit, limit].",
    },
    {
      name: "activation_hist",
      dtype: "float32",
      shape: ["L", "bins"],
      optional: true,
      doc: "Each layer's activations counted in equal bins over [-limit, limit].",
    },
  ],
  history: [
    {
      name: "step",
      dtype: "float32",
      shape: ["points"],
      optional: false,
      doc: "The step of each point.",
    },
    {
      name: "train_loss",
      dtype: "float32",
      shape: ["points"],
      optional: false,
      doc: "The train loss.",
    },
    {
      name: "test_loss",
      dtype: "float32",
      shape: ["points"],
      optional: false,
      doc: "The test loss.",
    },
    {
      name: "train_accuracy",
      dtype: "float32",
      shape: ["points"],
      optional: false,
      doc: "The train accuracy.",
    },
    {
      name: "test_accuracy",
      dtype: "float32",
      shape: ["points"],
      optional: false,
      doc: "The test accuracy.",
    },
  ],
  landscape: [
    {
      name: "loss",
      dtype: "float32",
      shape: ["R", "R"],
      optional: false,
      doc: "The training loss at θ + a d1 + b d2, row 0 at b = +span, column 0 at a = -span.",
    },
    {
      name: "path",
      dtype: "float32",
      shape: ["n", 2],
      optional: false,
      doc: "The (a, b) of each recorded θ_t, oldest first, the last the current point (0, 0).",
    },
    {
      name: "path_steps",
      dtype: "int32",
      shape: ["n"],
      optional: false,
      doc: "The step of each path point.",
    },
  ],
  step_explanation: [
    {
      name: "cell_input",
      dtype: "float32",
      shape: ["I"],
      optional: false,
      doc: "The layer's input at the step.",
    },
    {
      name: "previous_hidden",
      dtype: "float32",
      shape: ["H"],
      optional: false,
      doc: "h at the step before (0 at the first).",
    },
    {
      name: "previous_cell",
      dtype: "float32",
      shape: ["H"],
      optional: false,
      doc: "The LSTM's c at the step before (h again for other cells).",
    },
    {
      name: "sums",
      dtype: "float32",
      shape: ["P", "H"],
      optional: false,
      doc: "Each part's weighted sum, before its activation.",
    },
    {
      name: "values",
      dtype: "float32",
      shape: ["P", "H"],
      optional: false,
      doc: "Each part after its activation.",
    },
    {
      name: "new_cell",
      dtype: "float32",
      shape: ["H"],
      optional: false,
      doc: "The new cell state (LSTM; h again for other cells).",
    },
    {
      name: "new_hidden",
      dtype: "float32",
      shape: ["H"],
      optional: false,
      doc: "The new hidden state.",
    },
    {
      name: "gradient_by_step",
      dtype: "float32",
      shape: ["T"],
      optional: false,
      doc: "Each step's share of ∂ loss / ∂ weight: they add up to `gradient`.",
    },
  ],
} as const;

export type BinaryKind = keyof typeof ARRAYS;
export type ArrayName<K extends BinaryKind> = (typeof ARRAYS)[K][number]["name"];
