// Session files over HTTP: GET /api/sessions/{id}/export gives a session as a file
// (config, weights, optimizer state, points, history); POST /api/sessions/import with
// the file's bytes as the body makes a new, paused session from it; GET
// /api/sessions/{id}/curves.csv gives its curves.

export interface SessionFile {
  blob: Blob;
  filename: string;
}

/** The server's reason ({detail} on 4xx), prefixed by what failed. */
async function failure(response: Response, action: string): Promise<Error> {
  const body: unknown = await response.json().catch(() => null);
  const detail = typeof body === "object" && body !== null ? (body as { detail?: unknown }).detail : undefined;
  return new Error(`${action}: ${typeof detail === "string" ? detail : `the server answered ${response.status}`}`);
}

/** The response, or an error saying what failed when the server could not be reached. */
async function request(action: string, fetcher: typeof fetch, url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetcher(url, init);
  } catch (err) {
    throw new Error(`${action}: no answer from the server (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The name in a Content-Disposition header's filename="...", if any. */
export function attachmentName(header: string | null): string | null {
  return header?.match(/filename="([^"]+)"/)?.[1] ?? null;
}

export async function exportSession(sessionId: string, fetcher: typeof fetch = fetch): Promise<SessionFile> {
  const response = await request("Export failed", fetcher, `/api/sessions/${encodeURIComponent(sessionId)}/export`);
  if (!response.ok) throw await failure(response, "Export failed");
  return { blob: await response.blob(), filename: attachmentName(response.headers.get("Content-Disposition")) ?? "session.mindscope" };
}

/** The session's curves as CSV (step, losses, accuracies), from the server's own record. */
export async function exportCurves(sessionId: string, fetcher: typeof fetch = fetch): Promise<SessionFile> {
  const response = await request("Curves export failed", fetcher, `/api/sessions/${encodeURIComponent(sessionId)}/curves.csv`);
  if (!response.ok) throw await failure(response, "Curves export failed");
  return { blob: await response.blob(), filename: attachmentName(response.headers.get("Content-Disposition")) ?? "curves.csv" };
}

/** Upload a session file; returns the new session's id. */
export async function importSession(file: Blob, fetcher: typeof fetch = fetch): Promise<string> {
  const response = await request("Import failed", fetcher, "/api/sessions/import", { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
  if (response.status !== 201) throw await failure(response, "Import failed");
  const id = ((await response.json()) as { session_id?: unknown }).session_id;
  if (typeof id !== "string") throw new Error("Import failed: the server's answer names no session");
  return id;
}
