// A page opened with a view link (?view=…) watches a session it cannot change: every
// control that would change the session is made inert (no clicks, no focus; shown at full
// strength, so a class watching on a projector reads it all), a "Watching" badge by the
// title says so at a glance and a notice says why. Settings that only change this page (show test data, log scale…)
// stay usable. The server refuses such changes anyway; this spares the user the attempt.

import type { SettingsTable } from "../settings";
import { h } from "./dom";

/** Everything on the page that changes the session: the shell's regions, the lab's
 *  (`labControls`: selectors), and each panel that holds a session setting. */
export function sessionControls(table: SettingsTable, labControls: readonly string[]): string[] {
  return [
    "#playback",
    "#lessons", // opening a lesson sets up the session
    "#session-files",
    ".lesson-nav",
    ...labControls,
    ...new Set(table.settings.filter((s) => s.scope === "config").map((s) => `[data-panel="${s.panel}"]`)),
  ];
}

export const VIEW_ONLY_NOTICE = "View only: you are watching a live session. Its owner's changes appear here as they happen; only the owner can change it.";

/** Lock the page's session controls (`controls`: see sessionControls), show the notice
 *  before `anchor` and the badge after the page's title. */
export function enterViewOnly(page: Document, anchor: Element, controls: readonly string[]): void {
  for (const selector of controls) {
    for (const region of page.querySelectorAll<HTMLElement>(selector)) {
      region.toggleAttribute("inert", true); // holds for controls added or re-enabled later
      region.setAttribute("aria-disabled", "true");
      region.classList.add("locked");
    }
  }
  if (page.querySelector("#view-only-notice") === null) {
    anchor.before(h("p", { class: "view-only-notice", id: "view-only-notice", role: "status" }, VIEW_ONLY_NOTICE));
    page.querySelector("h1")?.after(h("span", { class: "watching-badge", id: "watching-badge" }, "Watching"));
  }
}
