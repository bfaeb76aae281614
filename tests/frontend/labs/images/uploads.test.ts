// The images lab's uploads as the page reads the server's answers: an accepted set is
// checked, a refusal's problems are listed each with its file (or its one message), and an
// uploaded set's classes name the network's classes (a dash for those it does not use).

import { describe, expect, it } from "vitest";

import { classNames, DIGITS_ONLY, fetchUpload, parseRefusal, parseUpload, uploadZip } from "../../../../frontend/src/labs/images/datasets";

const TAKEN = { dataset: "upload:0123456789ab", classes: ["cat", "dog"], counts: [3, 4], side: 28, ignored: [], kept: "…" };
const answering = (status: number, body: unknown) => (() => Promise.resolve(new Response(JSON.stringify(body), { status }))) as unknown as typeof fetch;

describe("the images lab's uploads", () => {
  it("reads an accepted set, and refuses an answer of another shape", () => {
    expect(parseUpload(TAKEN)).toEqual({ dataset: TAKEN.dataset, classes: ["cat", "dog"], counts: [3, 4], ignored: [] });
    expect(parseUpload({ ...TAKEN, dataset: "digits" })).toBeNull();
    expect(parseUpload({ ...TAKEN, counts: [3] })).toBeNull();
    expect(parseUpload({ ...TAKEN, classes: [1, 2] })).toBeNull();
  });

  it("lists every problem of a refused zip, or the server's one message", async () => {
    const problems = [{ file: "a/x.txt", reason: "not an image (PNG or JPEG)" }, { file: "", reason: "1 class folder" }];
    await expect(uploadZip(new Blob(["zip"]), answering(422, { detail: { message: "2 problems", problems } }))).resolves.toEqual({ problems });
    expect(parseRefusal(413, { detail: "the zip is over 20,971,520 bytes" })).toEqual([{ file: "", reason: "the zip is over 20,971,520 bytes" }]);
    expect(parseRefusal(500, "oops")).toEqual([{ file: "", reason: "the server refused the upload (HTTP 500)" }]);
    const offline = (() => Promise.reject(new Error("offline"))) as unknown as typeof fetch;
    await expect(uploadZip(new Blob(["zip"]), offline)).resolves.toEqual({ problems: [{ file: "", reason: "the server could not be reached" }] });
    await expect(uploadZip(new Blob(["zip"]), answering(201, TAKEN))).resolves.toMatchObject({ upload: { classes: ["cat", "dog"] } });
    await expect(fetchUpload(TAKEN.dataset, answering(404, { detail: "gone" }))).resolves.toBeNull();
  });

  it("names the classes by the set's folders", () => {
    const uploads = new Map([[TAKEN.dataset, parseUpload(TAKEN)!]]);
    const names = classNames(TAKEN.dataset, DIGITS_ONLY, uploads);
    expect(names.slice(0, 3)).toEqual(["cat", "dog", "–"]);
    expect(names).toHaveLength(10);
    expect(classNames("upload:ffffffffffff", DIGITS_ONLY, uploads)[0]).toBe("…"); // not known yet
    expect(classNames("digits", DIGITS_ONLY, uploads)[7]).toBe("7");
  });
});
