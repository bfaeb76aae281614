// @vitest-environment happy-dom
// What the sequences lab's views make of a frame, in a DOM: the answer read from the
// probabilities, the symbols each task shows, and a typed text that survives a refusal.
import { describe, expect, it } from "vitest";

import { symbolsOf, visible } from "../../../../frontend/src/labs/sequences/symbols";
import { answer } from "../../../../frontend/src/labs/sequences/views/symbolStrip";
import { TextEditor } from "../../../../frontend/src/labs/sequences/views/textEditor";

describe("the unrolled probe", () => {
  it("reads each step's answer as the most probable class, with its probability", () => {
    const outputs = { values: new Float32Array([0.1, 0.7, 0.2, 0.6, 0.3, 0.1]), shape: [2, 3] };
    expect(answer(outputs, 0)).toEqual([1, expect.closeTo(0.7, 6)]);
    expect(answer(outputs, 1)).toEqual([0, expect.closeTo(0.6, 6)]);
  });

  it("shows each task's inputs and classes as the task means them", () => {
    const echo = symbolsOf("echo", [])!;
    // Inputs are symbols 0..2; class 0 is "nothing yet", classes 1..3 the symbols.
    expect([0, 1, 2].map(echo.input)).toEqual(["A", "B", "C"]);
    expect([0, 1, 2, 3].map(echo.output)).toEqual(["·", "A", "B", "C"]);
    expect(symbolsOf("parity", [])!.name(1)).toBe("odd");
    const text = symbolsOf("text", ["a", " ", "\n"])!;
    expect([0, 1, 2, 7].map(text.output)).toEqual(["a", "␣", "↵", "\uFFFD"]);
    expect(symbolsOf("wave", [])).toBeNull();
    expect(visible("x")).toBe("x");
  });
});

describe("the text editor", () => {
  /** An editor whose requests get ids 1, 2, …, as the page's send gives them. */
  function editor(): { root: HTMLElement; view: TextEditor; area: HTMLTextAreaElement; sent: string[] } {
    const root = document.createElement("div");
    const sent: string[] = [];
    const view = new TextEditor(root, (text) => (sent.push(text), sent.length));
    return { root, view, area: root.querySelector("textarea")!, sent };
  }

  it("shows the session's text, sends the typed one on the button, and keeps it when refused", () => {
    const { root, view, area, sent } = editor();
    view.render("the session's text");
    expect(area.value).toBe("the session's text");
    area.value = "ab";
    area.dispatchEvent(new Event("input"));
    root.querySelector("button")!.click();
    expect(sent).toEqual(["ab"]);
    // The server refuses it (too short): the text stays, marked, and the session's
    // text coming again does not overwrite it.
    view.refused(1);
    view.render("the session's text");
    expect(area.value).toBe("ab");
    expect(area.getAttribute("aria-invalid")).toBe("true");
    expect(root.textContent).toContain("not applied yet");
    // Mended and sent again, then taken: the box and the session agree.
    area.value = "a longer text to learn";
    area.dispatchEvent(new Event("input"));
    expect(area.hasAttribute("aria-invalid")).toBe(false);
    area.dispatchEvent(new Event("change"));
    expect(sent).toEqual(["ab", "a longer text to learn"]);
    view.render("a longer text to learn");
    expect(root.textContent).toContain("22 characters");
    expect(root.textContent).toContain("in use");
    // A change from elsewhere (another tab) now shows.
    view.render("from another tab");
    expect(area.value).toBe("from another tab");
  });
});
