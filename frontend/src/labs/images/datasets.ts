// The images lab's data sets as this server has them: GET /api/labs/images/datasets, asked
// when the page opens, says whether Fashion-MNIST is installed (how to get it where it is
// not) and names its classes; the digits are always there, named by their digit. The
// user's own images are uploaded as a zip (POST /api/labs/images/uploads), a data set
// named "upload:<id>" whose classes its folders name.

/** "digits", "fashion", or "upload:<id>". */
export type DatasetName = string;
export const UPLOAD_PREFIX = "upload:";

export interface Datasets {
  fashion: boolean;
  fashionHow: string;
  fashionClasses: readonly string[];
}

const DIGIT_NAMES = Array.from({ length: 10 }, (_, digit) => String(digit));

/** What the page assumes until the server answers: the digits only. */
export const DIGITS_ONLY: Datasets = { fashion: false, fashionHow: "Asking the server whether Fashion-MNIST is installed…", fashionClasses: DIGIT_NAMES };

/** The server's answer, checked: null where it is not of the expected shape. */
export function parseDatasets(body: unknown): Datasets | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  const classes = b["fashion_classes"];
  if (typeof b["fashion"] !== "boolean" || typeof b["fashion_how"] !== "string") return null;
  if (!Array.isArray(classes) || classes.length !== 10 || !classes.every((c) => typeof c === "string")) return null;
  return { fashion: b["fashion"], fashionHow: b["fashion_how"], fashionClasses: classes as string[] };
}

/** The server's answer, or null where it gave none that reads. */
export async function fetchDatasets(fetcher: typeof fetch = fetch): Promise<Datasets | null> {
  try {
    const response = await fetcher("/api/labs/images/datasets");
    return response.ok ? parseDatasets(await response.json()) : null;
  } catch {
    return null;
  }
}

/** Each class's name, by class index: the digit, the garment, or the uploaded set's folder
 * (a dash for the network's classes the set does not use; "…" until its names come). */
export function classNames(dataset: DatasetName, datasets: Datasets, uploads: ReadonlyMap<string, Upload> = new Map()): readonly string[] {
  if (dataset === "fashion") return datasets.fashionClasses;
  if (!dataset.startsWith(UPLOAD_PREFIX)) return DIGIT_NAMES;
  const classes = uploads.get(dataset)?.classes ?? [];
  return DIGIT_NAMES.map((_, c) => classes[c] ?? (classes.length === 0 ? "…" : "–"));
}

/** An uploaded set as the server took it. */
export interface Upload {
  dataset: string;
  classes: readonly string[];
  counts: readonly number[];
  ignored: readonly string[];
}

/** One reason the server refused an upload: its file ("" for the zip as a whole). */
export interface UploadProblem {
  file: string;
  reason: string;
}

export type UploadAnswer = { upload: Upload } | { problems: readonly UploadProblem[] };

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");

/** The server's answer for an accepted set, checked: null where it is not of that shape. */
export function parseUpload(body: unknown): Upload | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  const { dataset, classes, counts, ignored } = b;
  if (typeof dataset !== "string" || !dataset.startsWith(UPLOAD_PREFIX) || !strings(classes) || !strings(ignored)) return null;
  if (!Array.isArray(counts) || counts.length !== classes.length || !counts.every((n) => typeof n === "number")) return null;
  return { dataset, classes, counts: counts as number[], ignored };
}

/** What a refusal says: every problem the server listed, or its one message. */
export function parseRefusal(status: number, body: unknown): readonly UploadProblem[] {
  const detail = typeof body === "object" && body !== null ? (body as Record<string, unknown>)["detail"] : undefined;
  if (typeof detail === "string") return [{ file: "", reason: detail }];
  const problems = typeof detail === "object" && detail !== null ? (detail as Record<string, unknown>)["problems"] : undefined;
  if (Array.isArray(problems) && problems.every((p) => typeof p === "object" && p !== null && typeof p.file === "string" && typeof p.reason === "string")) return problems as UploadProblem[];
  return [{ file: "", reason: `the server refused the upload (HTTP ${status})` }];
}

/** Send a zip of class folders; the set as taken, or every problem the server found. */
export async function uploadZip(zip: Blob, fetcher: typeof fetch = fetch): Promise<UploadAnswer> {
  let response: Response;
  try {
    response = await fetcher("/api/labs/images/uploads", { method: "POST", body: zip, headers: { "Content-Type": "application/zip" } });
  } catch {
    return { problems: [{ file: "", reason: "the server could not be reached" }] };
  }
  const body: unknown = await response.json().catch(() => null);
  const upload = response.ok ? parseUpload(body) : null;
  if (upload !== null) return { upload };
  return { problems: response.ok ? [{ file: "", reason: "the server's answer did not read as an uploaded set" }] : parseRefusal(response.status, body) };
}

/** An uploaded set's classes, for a page that opens on it; null where the server no longer
 * keeps it. */
export async function fetchUpload(dataset: string, fetcher: typeof fetch = fetch): Promise<Upload | null> {
  try {
    const response = await fetcher(`/api/labs/images/uploads/${encodeURIComponent(dataset)}`);
    return response.ok ? parseUpload(await response.json()) : null;
  } catch {
    return null;
  }
}
