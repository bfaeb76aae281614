// The images lab's data sets as the server reports them: the answer is checked, a missing
// or malformed answer leaves the digits only, and classes are named per data set.

import { describe, expect, it } from "vitest";

import { classNames, DIGITS_ONLY, fetchDatasets, parseDatasets } from "../../../../frontend/src/labs/images/datasets";

const CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
const ANSWER = { digits: true, fashion: false, fashion_how: "get it with `sudo apt-get install dataset-fashion-mnist`", fashion_classes: CLASSES };

describe("the images lab's data sets", () => {
  it("reads the server's answer, and refuses one of another shape", () => {
    expect(parseDatasets(ANSWER)).toEqual({ fashion: false, fashionHow: ANSWER.fashion_how, fashionClasses: CLASSES });
    expect(parseDatasets({ ...ANSWER, fashion: "yes" })).toBeNull();
    expect(parseDatasets({ ...ANSWER, fashion_classes: CLASSES.slice(1) })).toBeNull();
    expect(parseDatasets(null)).toBeNull();
  });

  it("falls back to the digits only where the server gives no answer", async () => {
    const failing = (() => Promise.reject(new Error("offline"))) as unknown as typeof fetch;
    await expect(fetchDatasets(failing)).resolves.toBeNull();
    const answering = (() => Promise.resolve(new Response(JSON.stringify({ ...ANSWER, fashion: true })))) as unknown as typeof fetch;
    await expect(fetchDatasets(answering)).resolves.toMatchObject({ fashion: true });
    expect(DIGITS_ONLY.fashion).toBe(false);
  });

  it("names the classes by digit or by garment", () => {
    const datasets = parseDatasets(ANSWER)!;
    expect(classNames("digits", datasets)[7]).toBe("7");
    expect(classNames("fashion", datasets)[9]).toBe("Ankle boot");
  });
});
