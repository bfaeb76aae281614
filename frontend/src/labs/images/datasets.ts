// The images lab's data sets as this server has them: GET /api/labs/images/datasets, asked
// when the page opens, says whether Fashion-MNIST is installed (how to get it where it is
// not) and names its classes; the digits are always there, named by their digit.

export type DatasetName = "digits" | "fashion";

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

/** Each class's name, by class index: the digit, or the garment. */
export function classNames(dataset: DatasetName, datasets: Datasets): readonly string[] {
  return dataset === "fashion" ? datasets.fashionClasses : DIGIT_NAMES;
}
