// What a guided lesson is, and how the page moves through a lab's lessons. Each lesson is
// a preset, written as the address query the page already understands (settings.ts), and
// a short text of what to try and what to notice; the lessons themselves are the lab's
// (labs/<lab>/lessons.ts). Opening a lesson sets every setting to its preset's value or
// the default, so a lesson looks the same whatever came before; it waits, paused at a
// speed where each step can be watched, for the learner to press Play, with the part of
// the page it talks about scrolled into view.

import type { SettingsTable, Value } from "./settings";

export interface Lesson {
  /** Its name in the address: ?lesson=learning-rate. */
  id: string;
  title: string;
  /** The idea in one or two sentences. */
  idea: string;
  /** Settings as a URL query (settings.ts); unnamed settings take their defaults. */
  preset: string;
  tryThis: readonly string[];
  notice: readonly string[];
  /** Opens the lab's step-through instead of waiting to train. */
  stepThrough?: boolean;
  /** The part of the page it talks about (a `data-section`: "curves", "network"...). */
  focus?: string;
}

/** Steps a second a lesson trains at, unless its preset says otherwise: slow enough to
 *  watch the boundary and the curves move (the default speed solves a lesson in a blink). */
export const LESSON_SPEED = 30;

export function findLesson(lessons: readonly Lesson[], id: string | undefined): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}

/** The lesson `delta` places after `lesson` (null past either end). */
export function neighbour(lessons: readonly Lesson[], lesson: Lesson, delta: number): Lesson | null {
  return lessons[lessons.indexOf(lesson) + delta] ?? null;
}

/** Every setting as the lesson wants it, read by the page's own URL parser (the speed
 *  LESSON_SPEED unless the preset names one); `invalid` lists what the parser refused (a
 *  test keeps it empty). */
export function lessonValues(table: SettingsTable, lesson: Lesson): { values: Map<string, Value>; invalid: string[] } {
  const { values, invalid, given } = table.readUrl(lesson.preset);
  if (!given.has("steps_per_second") && table.byKey.has("steps_per_second")) values.set("steps_per_second", LESSON_SPEED);
  return { values, invalid };
}
