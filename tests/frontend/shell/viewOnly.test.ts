// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";

import { ShareLink, viewLink } from "../../../frontend/src/shell/views/shareLink";
import { POINTS_SECTIONS, POINTS_SETTINGS } from "../../../frontend/src/labs/points/settings";
import { SettingsTable } from "../../../frontend/src/shell/settings";
import { enterViewOnly, sessionControls, VIEW_ONLY_NOTICE } from "../../../frontend/src/shell/views/viewOnly";

// The 2D lab's page: its own parts that change the session, and the panels of every session setting.
const controls = sessionControls(new SettingsTable(POINTS_SETTINGS, POINTS_SECTIONS), ["#network"]);

describe("enterViewOnly", () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <h1>Mindscope</h1>
      <div id="playback"><button>Play</button></div>
      <div id="notices"></div>
      <div data-panel="optimizer"><select aria-label="Optimizer"></select></div>
      <div data-panel="plot"><input type="checkbox" aria-label="Show test data"></div>
      <div id="network"></div>`;
  });

  it("locks what changes the session, leaves this page's own settings free, says why once, with a badge by the title", () => {
    const notices = document.querySelector("#notices")!;
    enterViewOnly(document, notices, controls);
    enterViewOnly(document, notices, controls); // a reconnect greets again
    for (const selector of ["#playback", '[data-panel="optimizer"]', "#network"]) {
      const region = document.querySelector(selector)!;
      expect(region.hasAttribute("inert")).toBe(true);
      expect(region.getAttribute("aria-disabled")).toBe("true");
    }
    expect(document.querySelector('[data-panel="plot"]')!.hasAttribute("inert")).toBe(false);
    expect([...document.querySelectorAll("#view-only-notice")].map((n) => n.textContent)).toEqual([VIEW_ONLY_NOTICE]);
    expect(notices.previousElementSibling?.id).toBe("view-only-notice");
    expect([...document.querySelectorAll("#watching-badge")].map((b) => b.textContent)).toEqual(["Watching"]);
    expect(document.querySelector("h1")!.nextElementSibling?.id).toBe("watching-badge");
  });
});

describe("ShareLink", () => {
  it("makes the view link from the page's own address, with only the view id (and the lab the address names)", () => {
    expect(viewLink({ origin: "https://lab.example", pathname: "/" }, "a/b")).toBe("https://lab.example/?view=a%2Fb");
    expect(viewLink({ origin: "https://lab.example", pathname: "/" }, "v1", "points")).toBe("https://lab.example/?lab=points&view=v1");
  });

  it("is offered only while there is a link to share", () => {
    const container = document.createElement("div");
    const share = new ShareLink(container);
    const button = container.querySelector("button")!;
    share.render(null);
    expect(button.hidden).toBe(true);
    share.render("http://h/?view=v");
    expect(button.hidden).toBe(false);
    expect(container.querySelector<HTMLInputElement>(".share-link")!.value).toBe("http://h/?view=v");
  });
});
