/* Generated from the server's pydantic models by 'make protocol'. Do not edit. */

export type Client =
  | Play
  | Pause
  | Step
  | StepEpoch
  | Reset
  | Regenerate
  | SetConfig
  | Subscribe
  | Landscape
  | SetWeight
  | SetBias
  | SetPoints
  | AddPoints
  | UndoPoint
  | ClearPoints
  | UploadCsv
  | Explain
  | DrawProbe
  | ExplainConv
  | ExplainStep
  | ExplainAttention;
/**
 * Echoed as reply_to.
 */
export type Id = number | null;
export type Type = "play";
/**
 * Echoed as reply_to.
 */
export type Id1 = number | null;
export type Type1 = "pause";
/**
 * Echoed as reply_to.
 */
export type Id2 = number | null;
export type Type2 = "step";
export type Steps = number;
/**
 * Echoed as reply_to.
 */
export type Id3 = number | null;
export type Type3 = "step_epoch";
/**
 * Echoed as reply_to.
 */
export type Id4 = number | null;
export type Type4 = "reset";
/**
 * Echoed as reply_to.
 */
export type Id5 = number | null;
export type Type5 = "regenerate";
/**
 * Echoed as reply_to.
 */
export type Id6 = number | null;
export type Type6 = "set";
export type Init = ("uniform" | "xavier" | "he" | "zeros") | null;
export type Seed = number | null;
export type Loss = ("mse" | "log" | "cross_entropy" | "huber") | null;
export type Regularization = ("none" | "l1" | "l2") | null;
export type RegularizationRate = number | null;
export type Optimizer = ("sgd" | "momentum" | "nesterov" | "adam" | "adamw" | "rmsprop" | "adagrad") | null;
export type LearningRate = number | null;
export type Momentum = number | null;
export type Beta1 = number | null;
export type Beta2 = number | null;
export type WeightDecay = number | null;
export type RmsDecay = number | null;
export type Schedule = ("constant" | "step" | "cosine") | null;
export type ScheduleSteps = number | null;
export type ScheduleGamma = number | null;
export type WarmupSteps = number | null;
export type GradClip = number | null;
export type EarlyStopping = boolean | null;
export type Patience = number | null;
export type BatchSize = number | null;
export type StepsPerSecond = number | null;
export type Lab = (PointsConfigChanges | ImagesConfigChanges | SequencesConfigChanges | AttentionConfigChanges) | null;
export type Lab1 = "points";
export type Dataset =
  ("circle" | "xor" | "gauss" | "spiral" | "spiral3" | "blobs4" | "moons3" | "plane" | "bumps" | "custom") | null;
export type Noise = number | null;
export type TrainShare = number | null;
export type DataSeed = number | null;
export type Features =
  | ["x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | null;
export type Hidden =
  | []
  | [number]
  | [number, number]
  | [number, number, number]
  | [number, number, number, number]
  | [number, number, number, number, number]
  | [number, number, number, number, number, number]
  | [number, number, number, number, number, number, number]
  | [number, number, number, number, number, number, number, number]
  | null;
export type Activations =
  | []
  | ["relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | null;
export type Dropout =
  | []
  | [number]
  | [number, number]
  | [number, number, number]
  | [number, number, number, number]
  | [number, number, number, number, number]
  | [number, number, number, number, number, number]
  | [number, number, number, number, number, number, number]
  | [number, number, number, number, number, number, number, number]
  | null;
export type Lab2 = "images";
export type Dataset1 = ("digits" | "fashion") | string | null;
export type TrainShare1 = number | null;
export type DataSeed1 = number | null;
export type Probe = number | null;
export type Filters = [number] | [number, number] | [number, number, number] | [number, number, number, number] | null;
export type Kernel = (3 | 5) | null;
export type Stride = (1 | 2) | null;
export type Padding = ("same" | "valid") | null;
export type Pooling = ("none" | "max" | "avg") | null;
export type Activation =
  ("relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear") | null;
export type Dense = [] | [number] | [number, number] | null;
export type Dropout1 = number | null;
export type Shift = (0 | 1 | 2) | null;
export type Rotate = (0 | 10 | 20) | null;
export type Lab3 = "sequences";
export type Task = ("echo" | "parity" | "adding" | "wave" | "text") | null;
export type Length = number | null;
export type Delay = number | null;
export type Noise1 = number | null;
export type Text = string | null;
export type Temperature = number | null;
export type TrainShare2 = number | null;
export type DataSeed2 = number | null;
export type Probe1 = number | null;
export type Cell = ("rnn" | "lstm" | "gru") | null;
export type Layers = number | null;
export type Hidden1 = number | null;
export type Bptt = number | null;
export type Lab4 = "attention";
export type Task1 = ("reverse" | "sort" | "shift" | "induction" | "modular") | null;
export type Vocabulary = number | null;
export type Length1 = number | null;
export type Shift1 = number | null;
export type Modulus = number | null;
export type TrainShare3 = number | null;
export type DataSeed3 = number | null;
export type Probe2 = number | null;
export type Layers1 = number | null;
export type Heads = number | null;
export type Width = number | null;
export type Mlp = number | null;
export type Positions = ("learned" | "sinusoidal") | null;
export type Causal = boolean | null;
export type Norm = ("pre" | "post") | null;
export type Dropout2 = number | null;
/**
 * Echoed as reply_to.
 */
export type Id7 = number | null;
export type Type7 = "subscribe";
export type OutputResolution = number;
/**
 * 0: no neuron maps.
 */
export type NeuronResolution = number;
/**
 * Weights, biases, their gradients, stats.
 */
export type Parameters = boolean;
/**
 * Frames deflated (codec.DEFLATED) where that saves a tenth or more: 'deflate' always, 'auto' unless this connection comes from the server's own machine, where bytes cost nothing and inflating them would.
 */
export type Compression = "auto" | "deflate" | "none";
/**
 * Echoed as reply_to.
 */
export type Id8 = number | null;
export type Type8 = "landscape";
/**
 * random: filter-normalised (Li et al. 2018); pca: the top two principal directions of the recent trajectory.
 */
export type Directions = "random" | "pca";
/**
 * Grid points per side.
 */
export type Resolution = number;
/**
 * The grid covers -span to span along each direction.
 */
export type Span = number;
/**
 * Draws the random directions.
 */
export type Seed1 = number;
/**
 * Echoed as reply_to.
 */
export type Id9 = number | null;
export type Type9 = "set_weight";
export type Layer = number;
export type Source = number;
export type Target = number;
export type Value = number;
/**
 * Echoed as reply_to.
 */
export type Id10 = number | null;
export type Type10 = "set_bias";
export type Layer1 = number;
export type Neuron = number;
export type Value1 = number;
/**
 * Echoed as reply_to.
 */
export type Id11 = number | null;
export type Type11 = "set_points";
/**
 * @maxItems 10000
 */
export type Points = [unknown, unknown, unknown][];
/**
 * Echoed as reply_to.
 */
export type Id12 = number | null;
export type Type12 = "add_points";
/**
 * @minItems 1
 * @maxItems 10000
 */
export type Points1 = [[unknown, unknown, unknown], ...[unknown, unknown, unknown][]];
export type Replace = boolean;
/**
 * Echoed as reply_to.
 */
export type Id13 = number | null;
export type Type13 = "undo_point";
/**
 * Echoed as reply_to.
 */
export type Id14 = number | null;
export type Type14 = "clear_points";
/**
 * Echoed as reply_to.
 */
export type Id15 = number | null;
export type Type15 = "upload_csv";
export type Csv = string;
/**
 * Echoed as reply_to.
 */
export type Id16 = number | null;
export type Type16 = "explain";
export type X1 = number;
export type X2 = number;
/**
 * +1/-1, class index, or value.
 */
export type Label = number;
/**
 * Echoed as reply_to.
 */
export type Id17 = number | null;
export type Type17 = "draw_probe";
export type Pixels =
  | [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number
    ]
  | null;
/**
 * Echoed as reply_to.
 */
export type Id18 = number | null;
export type Type18 = "explain_conv";
/**
 * The convolution layer, from 0.
 */
export type Layer2 = number;
/**
 * Its filter, from 0.
 */
export type Filter = number;
/**
 * The output position's row, from 0, before pooling.
 */
export type Row = number;
/**
 * And its column.
 */
export type Column = number;
/**
 * Echoed as reply_to.
 */
export type Id19 = number | null;
export type Type19 = "explain_step";
/**
 * The recurrent layer, from 0.
 */
export type Layer3 = number;
/**
 * The step of the sequence, from 0.
 */
export type Time = number;
/**
 * w: the layer's input weights; u: its recurrent weights.
 */
export type Weight = "w" | "u";
/**
 * The weight's row: the input (w) or the unit of the previous step (u) it reads.
 */
export type Row1 = number;
/**
 * The weight's column: its part (PARTS' order) times the units, plus its unit.
 */
export type Column1 = number;
/**
 * Echoed as reply_to.
 */
export type Id20 = number | null;
export type Type20 = "explain_attention";
/**
 * The block, from 0.
 */
export type Layer4 = number;
/**
 * The head, from 0.
 */
export type Head = number;
/**
 * The query's position.
 */
export type Query = number;
/**
 * The weight's row of W_q: the input dimension it reads.
 */
export type Row2 = number;
/**
 * The weight's column within the head: the query dimension it makes.
 */
export type Column2 = number;
export type Server = Hello | State | Error;
export type Type21 = "hello";
export type Protocol = number;
/**
 * control: every request; view: only subscribe, landscape, explain, explain_conv, explain_step and explain_attention.
 */
export type Role = "control" | "view";
/**
 * The control id, to rejoin with; null on a view connection.
 */
export type SessionId = string | null;
/**
 * The view id: a watch-only link to share.
 */
export type ViewId = string;
export type Type22 = "state";
export type Init1 = "uniform" | "xavier" | "he" | "zeros";
/**
 * Draws initial weights and batches.
 */
export type Seed2 = number;
export type Loss1 = "mse" | "log" | "cross_entropy" | "huber";
export type Regularization1 = "none" | "l1" | "l2";
export type RegularizationRate1 = number;
export type Optimizer1 = "sgd" | "momentum" | "nesterov" | "adam" | "adamw" | "rmsprop" | "adagrad";
export type LearningRate1 = number;
/**
 * momentum, nesterov
 */
export type Momentum1 = number;
/**
 * adam, adamw
 */
export type Beta11 = number;
/**
 * adam, adamw
 */
export type Beta21 = number;
/**
 * adamw
 */
export type WeightDecay1 = number;
/**
 * rmsprop
 */
export type RmsDecay1 = number;
export type Schedule1 = "constant" | "step" | "cosine";
/**
 * Step decay interval or cosine period.
 */
export type ScheduleSteps1 = number;
/**
 * Step decay factor.
 */
export type ScheduleGamma1 = number;
export type WarmupSteps1 = number;
/**
 * Global gradient-norm limit; 0 is off.
 */
export type GradClip1 = number;
/**
 * Pause at a test loss that has not improved for `patience` steps, restoring the best weights.
 */
export type EarlyStopping1 = boolean;
/**
 * Steps without a new lowest test loss before early stopping.
 */
export type Patience1 = number;
export type BatchSize1 = number;
/**
 * Training speed; 1e6 is flat out.
 */
export type StepsPerSecond1 = number;
export type Lab5 = PointsConfig | ImagesConfig | SequencesConfig | AttentionConfig;
export type Lab6 = "points";
export type Dataset2 =
  "circle" | "xor" | "gauss" | "spiral" | "spiral3" | "blobs4" | "moons3" | "plane" | "bumps" | "custom";
/**
 * Share of noise, 0 to 50 %.
 */
export type Noise2 = number;
/**
 * Share of points used for training.
 */
export type TrainShare4 = number;
/**
 * Draws the points.
 */
export type DataSeed4 = number;
/**
 * @minItems 1
 * @maxItems 7
 */
export type Features1 =
  | ["x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ]
  | [
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2",
      "x1" | "x2" | "x1_sq" | "x2_sq" | "x1_x2" | "sin_x1" | "sin_x2"
    ];
/**
 * Neurons per hidden layer.
 *
 * @maxItems 8
 */
export type Hidden2 =
  | []
  | [number]
  | [number, number]
  | [number, number, number]
  | [number, number, number, number]
  | [number, number, number, number, number]
  | [number, number, number, number, number, number]
  | [number, number, number, number, number, number, number]
  | [number, number, number, number, number, number, number, number];
/**
 * One per hidden layer; a shorter list repeats its last entry.
 *
 * @maxItems 8
 */
export type Activations1 =
  | []
  | ["relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ]
  | [
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear",
      "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear"
    ];
/**
 * Per hidden layer; missing layers drop nothing.
 *
 * @maxItems 8
 */
export type Dropout3 =
  | []
  | [number]
  | [number, number]
  | [number, number, number]
  | [number, number, number, number]
  | [number, number, number, number, number]
  | [number, number, number, number, number, number]
  | [number, number, number, number, number, number, number]
  | [number, number, number, number, number, number, number, number];
export type Lab7 = "images";
/**
 * digits: scikit-learn's handwritten digits, 1,797 images of 8 x 8 pixels; fashion: Fashion-MNIST (Debian's dataset-fashion-mnist package), 1,000 training and 500 test images of 28 x 28 pixels drawn from its 70,000 by the data seed. 10 classes each. upload:<id>: the user's own labelled images as POST /api/labs/images/uploads named them, 28 x 28 pixels.
 */
export type Dataset3 = ("digits" | "fashion") | string;
/**
 * Share of the digits or uploaded images used for training (Fashion-MNIST keeps its own split).
 */
export type TrainShare5 = number;
/**
 * Splits (or draws) the images.
 */
export type DataSeed5 = number;
/**
 * The test image whose feature maps, probabilities and saliency frames show (taken modulo the test images).
 */
export type Probe3 = number;
/**
 * Filters per convolution layer.
 *
 * @minItems 1
 * @maxItems 4
 */
export type Filters1 = [number] | [number, number] | [number, number, number] | [number, number, number, number];
/**
 * Each filter's side, in pixels.
 */
export type Kernel1 = 3 | 5;
export type Stride1 = 1 | 2;
/**
 * same: the output keeps the input's size; valid: only whole windows.
 */
export type Padding1 = "same" | "valid";
/**
 * 2 x 2 pooling after each convolution.
 */
export type Pooling1 = "none" | "max" | "avg";
export type Activation1 =
  "relu" | "leaky_relu" | "elu" | "gelu" | "silu" | "tanh" | "sigmoid" | "softplus" | "sine" | "linear";
/**
 * Neurons per dense layer between the convolutions and the output.
 *
 * @maxItems 2
 */
export type Dense1 = [] | [number] | [number, number];
/**
 * Dropout before each dense layer and the output.
 */
export type Dropout4 = number;
/**
 * Augmentation: each training image moved by up to this many pixels each way, anew every step.
 */
export type Shift2 = 0 | 1 | 2;
/**
 * Augmentation: each training image turned by up to this many degrees either way, anew every step.
 */
export type Rotate1 = 0 | 10 | 20;
export type Lab8 = "sequences";
/**
 * echo: output the symbol seen `delay` steps ago; parity: whether the bits so far hold an odd number of ones; adding: the sum of the two marked numbers, at the end; wave: the next value of a noisy mixture of sines; text: the next character of the text.
 */
export type Task2 = "echo" | "parity" | "adding" | "wave" | "text";
/**
 * Steps in each sequence.
 */
export type Length2 = number;
/**
 * echo: how many steps back the symbol to recall is (memory length).
 */
export type Delay1 = number;
/**
 * wave: the noise's standard deviation.
 */
export type Noise3 = number;
/**
 * text: what the network learns to continue (at most 64 distinct characters).
 */
export type Text1 = string;
/**
 * text: how freely samples pick unlikely characters (low: the likeliest; high: more random).
 */
export type Temperature1 = number;
/**
 * Share of sequences used for training.
 */
export type TrainShare6 = number;
/**
 * Draws the sequences.
 */
export type DataSeed6 = number;
/**
 * The test sequence the frames unroll the network on (taken modulo the test sequences).
 */
export type Probe4 = number;
/**
 * rnn: h = tanh(W x + U h + b); lstm: with input, forget and output gates and a cell state; gru: with update and reset gates.
 */
export type Cell1 = "rnn" | "lstm" | "gru";
/**
 * Stacked recurrent layers.
 */
export type Layers2 = number;
/**
 * Units in each layer.
 */
export type Hidden3 = number;
/**
 * Truncated backpropagation through time: gradients flow back at most this many steps (0: through the whole sequence).
 */
export type Bptt1 = number;
export type Lab9 = "attention";
/**
 * reverse: the sequence backwards; sort: its tokens in order; shift: moved `shift` places; induction: the next token of a repeated half; modular: (a + b) mod p.
 */
export type Task3 = "reverse" | "sort" | "shift" | "induction" | "modular";
/**
 * Distinct tokens in the sequences (not modular: its tokens are 0 … p - 1).
 */
export type Vocabulary1 = number;
/**
 * Tokens in each sequence (induction: both halves).
 */
export type Length3 = number;
/**
 * shift: how many places.
 */
export type Shift3 = number;
/**
 * modular: p.
 */
export type Modulus1 = number;
/**
 * Share of the examples used for training.
 */
export type TrainShare7 = number;
/**
 * Draws the examples.
 */
export type DataSeed7 = number;
/**
 * The test example the frames show (taken modulo the test examples).
 */
export type Probe5 = number;
/**
 * Transformer blocks.
 */
export type Layers3 = number;
/**
 * Attention heads per block; they share the width.
 */
export type Heads1 = number;
/**
 * Model width: each token's vector (a multiple of the heads).
 */
export type Width1 = number;
/**
 * The MLP's hidden units in each block (0: attention only).
 */
export type Mlp1 = number;
/**
 * learned: a vector per position, trained; sinusoidal: fixed waves.
 */
export type Positions1 = "learned" | "sinusoidal";
/**
 * Each position attends only to itself and the positions before (a decoder); then sequence tasks read the answer after a separator, one token at a time.
 */
export type Causal1 = boolean;
/**
 * Layer norm before each sublayer (pre) or after its residual sum (post).
 */
export type Norm1 = "pre" | "post";
/**
 * Share of each sublayer's outputs dropped while training.
 */
export type Dropout5 = number;
/**
 * Counts accepted control messages.
 */
export type Revision = number;
export type Playing = boolean;
export type Problem = "binary" | "multiclass" | "regression";
/**
 * 2 for binary, the class count, or 0 for regression.
 */
export type Classes = number;
export type ReplyTo = number | null;
export type Type23 = "error";
export type Message = string;
export type Field = string | null;
/**
 * diverged: training went non-finite; paused, last finite state kept. stuck: a classification run saturated (accuracy at chance, gradients vanished or the loss far above guessing) and stayed so; paused. early_stopped: the test loss stopped improving; paused, the best weights restored.
 */
export type Code = ("diverged" | "stuck" | "early_stopped") | null;
export type ReplyTo1 = number | null;
export type Binary =
  | FrameHeader
  | DataHeader
  | HistoryHeader
  | LandscapeHeader
  | ExplanationHeader
  | ConvExplanationHeader
  | StepExplanationHeader
  | AttentionExplanationHeader;
export type Kind = "frame";
export type Step1 = number;
export type Epoch = number;
/**
 * None when it is not a finite number (it overflowed float32): headers are standard JSON.
 */
export type TrainLoss = number | null;
/**
 * As train_loss.
 */
export type TestLoss = number | null;
/**
 * None for regression.
 */
export type TrainAccuracy = number | null;
export type TestAccuracy = number | null;
/**
 * This step's rate, after the schedule.
 */
export type LearningRate2 = number;
/**
 * Updates trained per second lately.
 */
export type UpdatesPerS = number;
/**
 * Features, hidden layers, outputs.
 */
export type LayerSizes = number[];
/**
 * The last control message this frame reflects.
 */
export type Revision1 = number;
export type DataVersion = number;
export type Playing1 = boolean;
export type Name = string;
export type Dtype = "uint8" | "float32" | "int32";
export type Shape = number[];
export type Offset = number;
export type Low = number | null;
export type High = number | null;
export type Arrays = ArraySpec[];
export type Kind1 = "data";
export type DataVersion1 = number;
export type Arrays1 = ArraySpec[];
export type Kind2 = "history";
/**
 * Set when a change of the data or the problem started a new run (step 0, fresh weights from the same seed): why, in words; clients keep the last run's curve for comparison.
 */
export type NewRun = string | null;
export type Arrays2 = ArraySpec[];
export type Kind3 = "landscape";
export type ReplyTo2 = number | null;
export type Step2 = number;
export type Directions1 = "random" | "pca";
export type Span1 = number;
/**
 * The lowest loss on the grid.
 */
export type Low1 = number;
/**
 * The highest finite loss on the grid.
 */
export type High1 = number;
export type Arrays3 = ArraySpec[];
export type Kind4 = "explanation";
export type ReplyTo3 = number | null;
export type Step3 = number;
/**
 * This example's loss; None when it is not a finite number.
 */
export type Loss2 = number | null;
export type LearningRate3 = number;
export type LayerSizes1 = number[];
export type Arrays4 = ArraySpec[];
export type Kind5 = "conv_explanation";
export type ReplyTo4 = number | null;
/**
 * The training step.
 */
export type Step4 = number;
export type Layer5 = number;
export type Filter1 = number;
export type Row3 = number;
export type Column3 = number;
/**
 * The kernel's side.
 */
export type Kernel2 = number;
export type Stride2 = number;
export type Padding2 = "same" | "valid";
/**
 * The activation function.
 */
export type ActivationName = string;
export type Pooling2 = "none" | "max" | "avg";
/**
 * The input row under the window's top row (negative where same padding reaches above the input).
 */
export type InputRow = number;
/**
 * The input column under its left column.
 */
export type InputColumn = number;
/**
 * The side of the layer's input.
 */
export type InputSide = number;
/**
 * The sum of the products; None when not finite.
 */
export type Sum = number | null;
export type Bias = number | null;
/**
 * The convolution there plus the bias, as the network computes it.
 */
export type PreActivation = number | null;
/**
 * The pre-activation after the activation.
 */
export type Activation2 = number | null;
/**
 * The pooled value of pool_window; None without pooling or outside every pooling window.
 */
export type Pooled = number | null;
/**
 * The pooled value's row in the feature map the frames show; None where there is none.
 */
export type PoolRow = number | null;
export type PoolColumn = number | null;
export type Arrays5 = ArraySpec[];
export type Kind6 = "step_explanation";
export type ReplyTo5 = number | null;
/**
 * The training step.
 */
export type Step5 = number;
export type Layer6 = number;
export type Time1 = number;
export type Weight1 = "w" | "u";
export type Row4 = number;
export type Column4 = number;
export type Cell2 = "rnn" | "lstm" | "gru";
/**
 * The parts' names, in the order of sums and values.
 */
export type Parts = string[];
/**
 * The probe sequence's loss; None when not finite.
 */
export type Loss3 = number | null;
/**
 * ∂ loss / ∂ weight on the probe sequence.
 */
export type Gradient = number | null;
export type Arrays6 = ArraySpec[];
export type Kind7 = "attention_explanation";
export type ReplyTo6 = number | null;
/**
 * The training step.
 */
export type Step6 = number;
export type Layer7 = number;
export type Head1 = number;
export type Query1 = number;
export type Row5 = number;
export type Column5 = number;
/**
 * The query position's attention input at `row`.
 */
export type InputValue = number;
/**
 * The probe's loss; None when not finite.
 */
export type Loss4 = number | null;
/**
 * ∂ loss / ∂ W_q[row, column] on the probe, through every query (weight_shares cover this one).
 */
export type Gradient1 = number | null;
export type Arrays7 = ArraySpec[];

/**
 * A root that names every message, so one JSON Schema covers them all.
 */
export interface MindscopeProtocol {
  client: Client;
  server: Server;
  binary: Binary;
}
export interface Play {
  id?: Id;
  type: Type;
}
export interface Pause {
  id?: Id1;
  type: Type1;
}
export interface Step {
  id?: Id2;
  type: Type2;
  steps?: Steps;
}
/**
 * As many steps as one pass over the training set takes at the current batch size.
 */
export interface StepEpoch {
  id?: Id3;
  type: Type3;
}
/**
 * Back to the initial weights of the current seed, step 0, history cleared.
 */
export interface Reset {
  id?: Id4;
  type: Type4;
}
/**
 * Draw new points for the current dataset (a new data_seed).
 */
export interface Regenerate {
  id?: Id5;
  type: Type5;
}
export interface SetConfig {
  id?: Id6;
  type: Type6;
  changes: ConfigChanges;
}
/**
 * Some fields of SessionConfig; the rest stay as they are. `lab` names its lab, which must be the session's.
 */
export interface ConfigChanges {
  init?: Init;
  seed?: Seed;
  loss?: Loss;
  regularization?: Regularization;
  regularization_rate?: RegularizationRate;
  optimizer?: Optimizer;
  learning_rate?: LearningRate;
  momentum?: Momentum;
  beta1?: Beta1;
  beta2?: Beta2;
  weight_decay?: WeightDecay;
  rms_decay?: RmsDecay;
  schedule?: Schedule;
  schedule_steps?: ScheduleSteps;
  schedule_gamma?: ScheduleGamma;
  warmup_steps?: WarmupSteps;
  grad_clip?: GradClip;
  early_stopping?: EarlyStopping;
  patience?: Patience;
  batch_size?: BatchSize;
  steps_per_second?: StepsPerSecond;
  lab?: Lab;
}
/**
 * Some fields of PointsConfig; the rest stay as they are.
 */
export interface PointsConfigChanges {
  lab: Lab1;
  dataset?: Dataset;
  noise?: Noise;
  train_share?: TrainShare;
  data_seed?: DataSeed;
  features?: Features;
  hidden?: Hidden;
  activations?: Activations;
  dropout?: Dropout;
}
/**
 * Some fields of ImagesConfig; the rest stay as they are.
 */
export interface ImagesConfigChanges {
  lab: Lab2;
  dataset?: Dataset1;
  train_share?: TrainShare1;
  data_seed?: DataSeed1;
  probe?: Probe;
  filters?: Filters;
  kernel?: Kernel;
  stride?: Stride;
  padding?: Padding;
  pooling?: Pooling;
  activation?: Activation;
  dense?: Dense;
  dropout?: Dropout1;
  shift?: Shift;
  rotate?: Rotate;
}
/**
 * Some fields of SequencesConfig; the rest stay as they are.
 */
export interface SequencesConfigChanges {
  lab: Lab3;
  task?: Task;
  length?: Length;
  delay?: Delay;
  noise?: Noise1;
  text?: Text;
  temperature?: Temperature;
  train_share?: TrainShare2;
  data_seed?: DataSeed2;
  probe?: Probe1;
  cell?: Cell;
  layers?: Layers;
  hidden?: Hidden1;
  bptt?: Bptt;
}
/**
 * Some fields of AttentionConfig; the rest stay as they are.
 */
export interface AttentionConfigChanges {
  lab: Lab4;
  task?: Task1;
  vocabulary?: Vocabulary;
  length?: Length1;
  shift?: Shift1;
  modulus?: Modulus;
  train_share?: TrainShare3;
  data_seed?: DataSeed3;
  probe?: Probe2;
  layers?: Layers1;
  heads?: Heads;
  width?: Width;
  mlp?: Mlp;
  positions?: Positions;
  causal?: Causal;
  norm?: Norm;
  dropout?: Dropout2;
}
/**
 * What this connection's frames carry; a small screen need not pay for every map.
 */
export interface Subscribe {
  id?: Id7;
  type: Type7;
  output_resolution?: OutputResolution;
  neuron_resolution?: NeuronResolution;
  parameters?: Parameters;
  compression?: Compression;
}
/**
 * A 2D slice of the training loss around the current weights, with the optimizer's
 * path projected onto it. Answered (to this connection only) by a binary `landscape`
 * message with reply_to = id; one at a time per connection.
 */
export interface Landscape {
  id?: Id8;
  type: Type8;
  directions?: Directions;
  resolution?: Resolution;
  span?: Span;
  seed?: Seed1;
}
/**
 * Set one weight by hand: layer 0 reads the features, the last layer feeds the output.
 */
export interface SetWeight {
  id?: Id9;
  type: Type9;
  layer: Layer;
  source: Source;
  target: Target;
  value: Value;
}
export interface SetBias {
  id?: Id10;
  type: Type10;
  layer: Layer1;
  neuron: Neuron;
  value: Value1;
}
/**
 * Replace the data with the user's own points (x1, x2, label); the dataset becomes
 * "custom". Labels -1/1 or 0/1: binary; 0-7: classes; other numbers: regression.
 */
export interface SetPoints {
  id?: Id11;
  type: Type11;
  points: Points;
}
/**
 * Add points (drawn by the user) to the current data, which becomes "custom"; with
 * `replace`, the drawing replaces the data instead: its first point starts a set of its
 * own (a new run), later ones add to it.
 */
export interface AddPoints {
  id?: Id12;
  type: Type12;
  points: Points1;
  replace?: Replace;
}
/**
 * Take back the last drawn point; the last of a drawing of its own takes the data back
 * to the built-in set it replaced.
 */
export interface UndoPoint {
  id?: Id13;
  type: Type13;
}
/**
 * Take back every drawn point: the data are what they were before the drawing.
 */
export interface ClearPoints {
  id?: Id14;
  type: Type14;
}
/**
 * Replace the data with a CSV file's rows `x1,x2,label` (a header row is allowed).
 */
export interface UploadCsv {
  id?: Id15;
  type: Type15;
  csv: Csv;
}
/**
 * Step through one example: its forward pass, loss, backward pass and update. Answered
 * (to this connection only) by a binary `explanation` message with reply_to = id.
 */
export interface Explain {
  id?: Id16;
  type: Type16;
  x1: X1;
  x2: X2;
  label: Label;
}
/**
 * Use a drawn digit as the probe (its feature maps, probabilities and saliency in every
 * frame): side x side pixels in [0, 1] (0 paper, 1 ink), row by row; null probes the
 * test images again.
 */
export interface DrawProbe {
  id?: Id17;
  type: Type17;
  pixels: Pixels;
}
/**
 * Step through one convolution with the engine's numbers, on the probe: the window of
 * its input that one filter reads at one output position (before pooling), the kernel,
 * their products and sum, the bias, the activation, and the pooling. Answered (to this
 * connection only) by a binary `conv_explanation` message with reply_to = id.
 */
export interface ExplainConv {
  id?: Id18;
  type: Type18;
  layer?: Layer2;
  filter?: Filter;
  row?: Row;
  column?: Column;
}
/**
 * Step through one step of one cell of the probe sequence, with the engine's numbers
 * (each part's weighted sum and activation, the new cell and hidden state), and
 * backpropagation through time for one weight (each step's share of the probe's loss
 * gradient by it). Answered (to this connection only) by a binary `step_explanation`
 * message with reply_to = id.
 */
export interface ExplainStep {
  id?: Id19;
  type: Type19;
  layer?: Layer3;
  time?: Time;
  weight?: Weight;
  row?: Row1;
  column?: Column1;
}
/**
 * Step through one attention computation of the probe with the engine's numbers: one
 * query position of one head of one block (its query, every key and value, the scores
 * q·k/√d, the mask, the softmax and the weighted sum), then backpropagation to one weight
 * of the head's query matrix (each key's share of ∂ loss / ∂ weight through this query).
 * Answered (to this connection only) by a binary `attention_explanation` message with
 * reply_to = id.
 */
export interface ExplainAttention {
  id?: Id20;
  type: Type20;
  layer?: Layer4;
  head?: Head;
  query?: Query;
  row?: Row2;
  column?: Column2;
}
/**
 * The first message on a connection; a `state` message follows it. A session has two
 * capabilities: its control id (`/ws?session=…`) and its view id (`/ws?view=…`).
 */
export interface Hello {
  type?: Type21;
  protocol?: Protocol;
  role: Role;
  session_id: SessionId;
  view_id: ViewId;
}
/**
 * Sent after every accepted control message and whenever the session changes.
 */
export interface State {
  type?: Type22;
  config: SessionConfig;
  revision: Revision;
  playing: Playing;
  problem: Problem;
  classes: Classes;
  reply_to?: ReplyTo;
}
/**
 * Everything a session trains with: the training settings every lab shares, and the
 * lab's own. Every field may change while it trains (but for the lab it is of).
 */
export interface SessionConfig {
  init?: Init1;
  seed?: Seed2;
  loss?: Loss1;
  regularization?: Regularization1;
  regularization_rate?: RegularizationRate1;
  optimizer?: Optimizer1;
  learning_rate?: LearningRate1;
  momentum?: Momentum1;
  beta1?: Beta11;
  beta2?: Beta21;
  weight_decay?: WeightDecay1;
  rms_decay?: RmsDecay1;
  schedule?: Schedule1;
  schedule_steps?: ScheduleSteps1;
  schedule_gamma?: ScheduleGamma1;
  warmup_steps?: WarmupSteps1;
  grad_clip?: GradClip1;
  early_stopping?: EarlyStopping1;
  patience?: Patience1;
  batch_size?: BatchSize1;
  steps_per_second?: StepsPerSecond1;
  lab?: Lab5;
}
/**
 * The 2D lab's settings: its data and its dense network.
 */
export interface PointsConfig {
  lab?: Lab6;
  dataset?: Dataset2;
  noise?: Noise2;
  train_share?: TrainShare4;
  data_seed?: DataSeed4;
  features?: Features1;
  hidden?: Hidden2;
  activations?: Activations1;
  dropout?: Dropout3;
}
/**
 * The images lab's settings: its data and its convolutional network.
 */
export interface ImagesConfig {
  lab?: Lab7;
  dataset?: Dataset3;
  train_share?: TrainShare5;
  data_seed?: DataSeed5;
  probe?: Probe3;
  filters?: Filters1;
  kernel?: Kernel1;
  stride?: Stride1;
  padding?: Padding1;
  pooling?: Pooling1;
  activation?: Activation1;
  dense?: Dense1;
  dropout?: Dropout4;
  shift?: Shift2;
  rotate?: Rotate1;
}
/**
 * The sequences lab's settings: its task (generated data) and its recurrent network.
 */
export interface SequencesConfig {
  lab?: Lab8;
  task?: Task2;
  length?: Length2;
  delay?: Delay1;
  noise?: Noise3;
  text?: Text1;
  temperature?: Temperature1;
  train_share?: TrainShare6;
  data_seed?: DataSeed6;
  probe?: Probe4;
  cell?: Cell1;
  layers?: Layers2;
  hidden?: Hidden3;
  bptt?: Bptt1;
}
/**
 * The attention lab's settings: its task (generated tokens) and its Transformer.
 */
export interface AttentionConfig {
  lab?: Lab9;
  task?: Task3;
  vocabulary?: Vocabulary1;
  length?: Length3;
  shift?: Shift3;
  modulus?: Modulus1;
  train_share?: TrainShare7;
  data_seed?: DataSeed7;
  probe?: Probe5;
  layers?: Layers3;
  heads?: Heads1;
  width?: Width1;
  mlp?: Mlp1;
  positions?: Positions1;
  causal?: Causal1;
  norm?: Norm1;
  dropout?: Dropout5;
}
export interface Error {
  type?: Type23;
  message: Message;
  field?: Field;
  code?: Code;
  reply_to?: ReplyTo1;
}
/**
 * One snapshot of the network. Dims: L, the layers with weights (the parameter
 * groups); bins, histogram bins; the lab's arrays name their own (the 2D lab's: R and
 * Rn, the output and neuron resolutions subscribed to; nodes, the features and hidden
 * neurons; W and B, every weight and bias, layer after layer in layer_sizes order, each
 * layer's (n_in, n_out) weight matrix row-major). Maps are quantized: row 0 is the top of
 * the plane (largest x2).
 */
export interface FrameHeader {
  kind?: Kind;
  step: Step1;
  epoch: Epoch;
  train_loss: TrainLoss;
  test_loss: TestLoss;
  train_accuracy: TrainAccuracy;
  test_accuracy: TestAccuracy;
  learning_rate: LearningRate2;
  updates_per_s: UpdatesPerS;
  layer_sizes: LayerSizes;
  revision: Revision1;
  data_version: DataVersion;
  playing: Playing1;
  arrays?: Arrays;
}
/**
 * Where one array lies in a binary message; uint8 arrays map back to [low, high].
 */
export interface ArraySpec {
  name: Name;
  dtype: Dtype;
  shape: Shape;
  offset: Offset;
  low?: Low;
  high?: High;
}
/**
 * The lab's examples, sent on connect and whenever the data changes. Dims: d, the
 * numbers of one example (the 2D lab: x1 and x2; the images lab: the pixels, row by
 * row; the sequences lab: each step's inputs, step after step); k, the labels of one
 * example (1, or one per step of a sequence). Labels are +1/-1, a class index or a value,
 * by problem.
 */
export interface DataHeader {
  kind?: Kind1;
  data_version: DataVersion1;
  arrays?: Arrays1;
}
/**
 * The curves so far, sent on connect, after a reset and when a new run starts;
 * accuracies are NaN for regression.
 */
export interface HistoryHeader {
  kind?: Kind2;
  new_run?: NewRun;
  arrays?: Arrays2;
}
/**
 * A loss landscape slice. Dims: R, the resolution asked for; n, the recorded points
 * of the path.
 */
export interface LandscapeHeader {
  kind?: Kind3;
  reply_to: ReplyTo2;
  step: Step2;
  directions: Directions1;
  span: Span1;
  low: Low1;
  high: High1;
  arrays?: Arrays3;
}
/**
 * One example through the network and back, computed by the engine itself. Dims:
 * features, layer_sizes[0]; neurons, every layer's neurons one after another (hidden
 * layers, then the output); W and B as in a frame.
 */
export interface ExplanationHeader {
  kind?: Kind4;
  reply_to: ReplyTo3;
  step: Step3;
  loss: Loss2;
  learning_rate: LearningRate3;
  layer_sizes: LayerSizes1;
  arrays?: Arrays4;
}
/**
 * One convolution at one output position, computed by the engine itself on the probe.
 * Dims: k, the kernel's side; C, the layer's input channels (1, or the filters of the
 * layer before).
 */
export interface ConvExplanationHeader {
  kind?: Kind5;
  reply_to: ReplyTo4;
  step: Step4;
  layer: Layer5;
  filter: Filter1;
  row: Row3;
  column: Column3;
  kernel: Kernel2;
  stride: Stride2;
  padding: Padding2;
  activation_name: ActivationName;
  pooling: Pooling2;
  input_row: InputRow;
  input_column: InputColumn;
  input_side: InputSide;
  sum: Sum;
  bias: Bias;
  pre_activation: PreActivation;
  activation: Activation2;
  pooled: Pooled;
  pool_row: PoolRow;
  pool_column: PoolColumn;
  arrays?: Arrays5;
}
/**
 * One step of one cell and backpropagation through time for one weight, computed by
 * the engine itself on the probe sequence. Dims: I, the layer's inputs; H, its units;
 * P, its parts (PARTS: rnn 1, lstm 4, gru 3); T, the sequence's steps.
 */
export interface StepExplanationHeader {
  kind?: Kind6;
  reply_to: ReplyTo5;
  step: Step5;
  layer: Layer6;
  time: Time1;
  weight: Weight1;
  row: Row4;
  column: Column4;
  cell: Cell2;
  parts: Parts;
  loss: Loss3;
  gradient: Gradient;
  arrays?: Arrays6;
}
/**
 * One attention computation and one weight's gradient, computed by the engine itself
 * on the probe. Dims: S, the input's positions; d, the head's dimensions (width /
 * heads).
 */
export interface AttentionExplanationHeader {
  kind?: Kind7;
  reply_to: ReplyTo6;
  step: Step6;
  layer: Layer7;
  head: Head1;
  query: Query1;
  row: Row5;
  column: Column5;
  input_value: InputValue;
  loss: Loss4;
  gradient: Gradient1;
  arrays?: Arrays7;
}
