// "Compare…": from the lab's current settings, choose one setting and the values to try;
// the link opens the comparison page (its address reproduces the comparison).

import type { Value } from "../settings";
import { button, h, labelFor, select, setText, uniqueId } from "../views/dom";
import { planQuery, readPlan, ROUND_STEPS, type CompareSetup } from "./plan";
import "./compareEntry.css";

export class CompareEntry {
  private readonly form: HTMLElement;
  private readonly variable: HTMLSelectElement;
  private readonly values: HTMLInputElement;
  private readonly rounds: HTMLSelectElement;
  private readonly link: HTMLAnchorElement;
  private readonly problem: HTMLElement;

  constructor(
    container: HTMLElement,
    private readonly setup: CompareSetup,
    private readonly current: () => ReadonlyMap<string, Value> | null,
  ) {
    const { table, comparable } = setup;
    this.variable = select("Setting to compare", comparable.map((v) => ({ value: v.key, label: table.byKey.get(v.key)!.label })), (key) => {
      this.values.value = comparable.find((v) => v.key === key)!.suggest;
      this.update();
    }, { "data-control": "compare-variable" });
    const valuesId = uniqueId("compare-values");
    this.values = h("input", { type: "text", id: valuesId, value: comparable[0]!.suggest, "data-control": "compare-values" });
    this.values.addEventListener("input", () => this.update());
    this.rounds = select("Steps a round", ROUND_STEPS.map((n) => ({ value: String(n), label: `${n} steps a round` })), () => this.update());
    this.rounds.value = "20";
    this.link = h("a", { class: "compare-open", target: "_blank", rel: "noopener", "data-action": "open-compare" }, "Open the comparison");
    this.link.addEventListener("click", () => this.update()); // the settings may have moved on
    this.problem = h("p", { class: "compare-problem", role: "status" });
    this.form = h(
      "div",
      { class: "compare-form", hidden: true },
      labelFor("Setting to compare", this.variable),
      this.variable,
      h("label", { for: valuesId }, "Values, separated by |"),
      this.values,
      labelFor("Steps a round", this.rounds),
      this.rounds,
      this.link,
      this.problem,
    );
    const toggle = button("Compare…", () => {
      this.form.hidden = !this.form.hidden;
      this.update();
    }, { "data-action": "compare" });
    container.append(toggle, this.form);
  }

  /** Point the link at the comparison of the current settings, or say what is wrong. */
  private update(): void {
    const current = this.current();
    if (current === null) return;
    const query = planQuery(this.setup, current, this.variable.value, this.values.value.trim(), Number(this.rounds.value));
    const plan = readPlan(this.setup, query);
    const valid = typeof plan !== "string";
    setText(this.problem, valid ? "" : plan);
    if (valid) this.link.removeAttribute("aria-disabled");
    else this.link.setAttribute("aria-disabled", "true");
    if (valid) this.link.href = `compare.html?${query}`;
    else this.link.removeAttribute("href");
  }
}
