// How a task's steps read as symbols: the echo task's symbols as letters (its class 0,
// "nothing yet", as a dot), parity's bits, the text's characters with the invisible ones
// made visible. The tasks with values (wave, adding) draw them instead.

import { UNKNOWN } from "./frame";
import type { TaskName } from "./settings";

export const LETTERS = ["A", "B", "C"];
export const NOTHING = "·";

/** A character as it can be seen in a cell: space, newline and tab shown by a sign. */
export function visible(char: string): string {
  return char === " " ? "␣" : char === "\n" ? "↵" : char === "\t" ? "⇥" : char;
}

/** Reads a task's inputs and classes as symbols; null for the tasks with values. */
export interface Symbols {
  input(index: number): string;
  output(cls: number): string;
  /** What a class means, for the caption. */
  name(cls: number): string;
}

export function symbolsOf(task: TaskName, vocabulary: readonly string[]): Symbols | null {
  switch (task) {
    case "echo":
      return {
        input: (i) => LETTERS[i] ?? "?",
        output: (c) => (c === 0 ? NOTHING : (LETTERS[c - 1] ?? "?")),
        name: (c) => (c === 0 ? "nothing yet" : `${LETTERS[c - 1] ?? "?"}`),
      };
    case "parity":
      return { input: (i) => String(i), output: (c) => String(c), name: (c) => (c === 1 ? "odd" : "even") };
    case "text": {
      const char = (i: number): string => visible(vocabulary[i] ?? UNKNOWN);
      return { input: char, output: char, name: char };
    }
    default:
      return null;
  }
}
