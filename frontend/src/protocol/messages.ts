/* Generated from the server's pydantic models by 'make protocol'. Do not edit. */

export type Client = Play | Pause | Step | Reset | SetConfig;
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
export type Type3 = "reset";
/**
 * Echoed as reply_to.
 */
export type Id4 = number | null;
export type Type4 = "set";
export type Dataset = ("circle" | "xor" | "gauss" | "spiral") | null;
export type Noise = number | null;
export type TrainShare = number | null;
export type Seed = number | null;
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
export type Activation = ("tanh" | "relu" | "sigmoid" | "linear") | null;
export type LearningRate = number | null;
export type BatchSize = number | null;
export type StepsPerSecond = number | null;
export type Server = Hello | State | Error;
export type Type5 = "hello";
export type Protocol = number;
export type SessionId = string;
export type Dataset1 = "circle" | "xor" | "gauss" | "spiral";
export type Noise1 = number;
export type TrainShare1 = number;
export type Seed1 = number;
/**
 * @maxItems 8
 */
export type Hidden1 =
  | []
  | [number]
  | [number, number]
  | [number, number, number]
  | [number, number, number, number]
  | [number, number, number, number, number]
  | [number, number, number, number, number, number]
  | [number, number, number, number, number, number, number]
  | [number, number, number, number, number, number, number, number];
export type Activation1 = "tanh" | "relu" | "sigmoid" | "linear";
export type LearningRate1 = number;
export type BatchSize1 = number;
/**
 * Training speed.
 */
export type StepsPerSecond1 = number;
export type Playing = boolean;
export type Type6 = "state";
export type ConfigVersion = number;
export type Playing1 = boolean;
export type ReplyTo = number | null;
export type Type7 = "error";
export type Message = string;
export type Field = string | null;
export type ReplyTo1 = number | null;
export type Binary = FrameHeader | DataHeader;
export type Kind = "frame";
export type Step1 = number;
export type Epoch = number;
export type TrainLoss = number;
export type TestLoss = number;
export type ConfigVersion1 = number;
export type Playing2 = boolean;
export type Name = string;
export type Dtype = "uint8" | "float32" | "int32";
export type Shape = number[];
export type Offset = number;
export type Low = number | null;
export type High = number | null;
export type Arrays = ArraySpec[];
export type Kind1 = "data";
export type DataVersion = number;
export type Arrays1 = ArraySpec[];

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
 * Back to the initial weights of the current seed.
 */
export interface Reset {
  id?: Id3;
  type: Type3;
}
export interface SetConfig {
  id?: Id4;
  type: Type4;
  changes: ConfigChanges;
}
/**
 * Some fields of SessionConfig; the rest stay as they are.
 */
export interface ConfigChanges {
  dataset?: Dataset;
  noise?: Noise;
  train_share?: TrainShare;
  seed?: Seed;
  hidden?: Hidden;
  activation?: Activation;
  learning_rate?: LearningRate;
  batch_size?: BatchSize;
  steps_per_second?: StepsPerSecond;
}
export interface Hello {
  type?: Type5;
  protocol?: Protocol;
  session_id: SessionId;
  config: SessionConfig;
  playing: Playing;
}
/**
 * Everything a session trains with; every field may change while it trains.
 */
export interface SessionConfig {
  dataset?: Dataset1;
  noise?: Noise1;
  train_share?: TrainShare1;
  seed?: Seed1;
  hidden?: Hidden1;
  activation?: Activation1;
  learning_rate?: LearningRate1;
  batch_size?: BatchSize1;
  steps_per_second?: StepsPerSecond1;
}
/**
 * Sent after every accepted control message and whenever the session changes.
 */
export interface State {
  type?: Type6;
  config: SessionConfig;
  config_version: ConfigVersion;
  playing: Playing1;
  reply_to?: ReplyTo;
}
export interface Error {
  type?: Type7;
  message: Message;
  field?: Field;
  reply_to?: ReplyTo1;
}
export interface FrameHeader {
  kind?: Kind;
  step: Step1;
  epoch: Epoch;
  train_loss: TrainLoss;
  test_loss: TestLoss;
  config_version: ConfigVersion1;
  playing: Playing2;
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
 * The training and test points, sent on connect and whenever the data changes.
 */
export interface DataHeader {
  kind?: Kind1;
  data_version: DataVersion;
  arrays?: Arrays1;
}
