// The built-in datasets. Their names (DATASET_NAMES) are generated from the server's
// protocol, since the URL may name one before the server has answered anything. What each
// looks like (label, problem, a sample of its points for the picker's thumbnail) comes
// from the server's GET /api/datasets, made by the very generators that train, so the
// page never draws a dataset the server does not make.

import { PROBLEMS } from "../../protocol/constants";
import type { Problem } from "../../shell/settings";

/** x1, x2 and the label: +1/-1 (binary), a class index, or a value (regression). */
export type SamplePoint = [x1: number, x2: number, label: number];

export interface DatasetPreview {
  name: string;
  label: string;
  problem: Problem;
  classes: number;
  points: SamplePoint[];
}

const isPoint = (p: unknown): p is SamplePoint => Array.isArray(p) && p.length === 3 && p.every((v) => typeof v === "number" && Number.isFinite(v));

function isPreview(entry: unknown): entry is DatasetPreview {
  if (typeof entry !== "object" || entry === null) return false;
  const e = entry as Record<string, unknown>;
  return (
    typeof e["name"] === "string" &&
    typeof e["label"] === "string" &&
    (PROBLEMS as readonly unknown[]).includes(e["problem"]) &&
    typeof e["classes"] === "number" &&
    Array.isArray(e["points"]) &&
    e["points"].every(isPoint)
  );
}

/** The previews in a GET /api/datasets answer; entries of another shape are left out. */
export function parsePreviews(body: unknown): DatasetPreview[] {
  return Array.isArray(body) ? body.filter(isPreview) : [];
}

export async function fetchPreviews(fetcher: typeof fetch = fetch): Promise<DatasetPreview[]> {
  const response = await fetcher("/api/datasets");
  if (!response.ok) throw new Error(`GET /api/datasets answered ${response.status}`);
  return parsePreviews(await response.json());
}
