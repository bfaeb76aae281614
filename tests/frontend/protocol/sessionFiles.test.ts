import { describe, expect, it } from "vitest";

import { attachmentName, exportSession, importSession } from "../../../frontend/src/protocol/sessionFiles";
import { isDivergence } from "../../../frontend/src/shell/views/divergence";

interface Asked {
  url: string;
  init: RequestInit | undefined;
}

function server(status: number, body: BodyInit, headers: Record<string, string> = {}): [typeof fetch, Asked[]] {
  const asked: Asked[] = [];
  const fetcher: typeof fetch = async (url, init) => {
    asked.push({ url: String(url), init });
    return new Response(body, { status, headers });
  };
  return [fetcher, asked];
}

describe("session files", () => {
  it("downloads a session under the server's file name", async () => {
    const [fetcher, asked] = server(200, new Uint8Array([1, 2, 3]), { "Content-Disposition": 'attachment; filename="mindscope-abc.mindscope"' });
    const file = await exportSession("abc/1", fetcher);
    expect(asked[0]!.url).toBe("/api/sessions/abc%2F1/export");
    expect(file.filename).toBe("mindscope-abc.mindscope");
    expect([...new Uint8Array(await file.blob.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it("uploads the file's bytes as the body and returns the new session", async () => {
    const [fetcher, asked] = server(201, JSON.stringify({ session_id: "new" }));
    const file = new Blob([new Uint8Array([7, 8])]);
    expect(await importSession(file, fetcher)).toBe("new");
    expect(asked[0]!.url).toBe("/api/sessions/import");
    expect(asked[0]!.init?.method).toBe("POST");
    expect(asked[0]!.init?.body).toBe(file);
  });

  it("says why the server refused a file", async () => {
    for (const [status, detail] of [[422, "not a Mindscope session file"], [413, "a session file is at most 16777216 bytes"]] as const) {
      const [fetcher] = server(status, JSON.stringify({ detail }));
      await expect(importSession(new Blob(["x"]), fetcher)).rejects.toThrow(`Import failed: ${detail}`);
    }
    const [gone] = server(404, JSON.stringify({ detail: "no such session (it may have expired)" }));
    await expect(exportSession("old", gone)).rejects.toThrow("Export failed: no such session");
    const [odd] = server(500, "Internal Server Error");
    await expect(importSession(new Blob(["x"]), odd)).rejects.toThrow("Import failed: the server answered 500");
    const unreachable: typeof fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(importSession(new Blob(["x"]), unreachable)).rejects.toThrow("Import failed: no answer from the server (Failed to fetch)");
  });

  it("reads the file name of a Content-Disposition header", () => {
    expect(attachmentName('attachment; filename="a b.mindscope"')).toBe("a b.mindscope");
    expect(attachmentName("attachment")).toBeNull();
    expect(attachmentName(null)).toBeNull();
  });
});

describe("isDivergence", () => {
  it("goes by the error's code, not its wording", () => {
    expect(isDivergence({ type: "error", message: "training stopped: the loss became NaN", code: "diverged" })).toBe(true);
    expect(isDivergence({ type: "error", message: "diverged: the word alone is not enough" })).toBe(false);
  });
});
