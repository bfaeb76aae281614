// Controls built from the settings table: one labelled control per setting of a panel,
// each sending its own change at once. What they show comes back from the server's
// `state` (or, for view settings, from the page), so every tab of a session agrees.

import "./settingsPanel.css";

import { formatNumber, type Context, type Option, type Setting, type Value } from "../settings";
import { h, setText, uniqueId } from "./dom";

export type Change = (setting: Setting, value: Value) => void;

interface Control {
  setting: Setting;
  row: HTMLElement;
  show(value: Value, context: Context | null): void;
}

/** The index of the offered value nearest to `value` on a log scale (0 stays 0). */
export function nearestStep(values: readonly number[], value: number): number {
  const distance = (v: number): number => (v === 0 || value === 0 ? (v === value ? 0 : Infinity) : Math.abs(Math.log(v / value)));
  let best = 0;
  values.forEach((v, i) => {
    if (distance(v) < distance(values[best]!)) best = i;
  });
  return best;
}

/** Why a typed number was refused: what was typed and the range the setting takes. */
export function rangeMessage(label: string, typed: string, widget: { min: number; max: number; step: number }): string {
  const whole = Number.isInteger(widget.step) ? " (whole numbers)" : "";
  const what = typed.trim() === "" ? "An empty field" : `“${typed.trim()}”`;
  return `${what} is not allowed: ${label} takes ${formatNumber(widget.min)} to ${formatNumber(widget.max)}${whole}.`;
}

const display = (setting: Setting, value: Value): string => (setting.format ? setting.format(value) : typeof value === "number" ? formatNumber(value) : String(value));

function fillOptions(element: HTMLSelectElement, options: readonly Option[]): void {
  const key = options.map((o) => o.value).join();
  if (element.dataset["options"] === key) return;
  element.dataset["options"] = key;
  element.replaceChildren(...options.map((o) => h("option", { value: o.value }, o.label)));
}

const focused = (element: Element): boolean => document.activeElement === element;

function buildControl(setting: Setting, change: Change): Control {
  const id = uniqueId(`setting-${setting.key}`);
  const label = h("label", { for: id }, setting.label);
  const row = h("div", { class: `setting setting-${setting.widget.kind}`, "data-setting": setting.key });
  const widget = setting.widget;
  switch (widget.kind) {
    case "select": {
      const element = h("select", { id });
      fillOptions(element, widget.options);
      element.addEventListener("change", () => change(setting, element.value));
      row.append(label, element);
      return {
        setting,
        row,
        show(value, context) {
          if (context !== null && setting.options) fillOptions(element, setting.options(context));
          if (!focused(element) && element.value !== value) element.value = String(value);
        },
      };
    }
    case "steps":
    case "range": {
      const stepped = widget.kind === "steps";
      const element = stepped
        ? h("input", { id, type: "range", min: 0, max: widget.values.length - 1, step: 1 })
        : h("input", { id, type: "range", min: widget.min, max: widget.max, step: widget.step });
      const output = h("output", { for: id, class: "value" });
      const valueAt = (): number => (stepped ? widget.values[Number(element.value)]! : Number(element.value));
      element.addEventListener("input", () => {
        setText(output, display(setting, valueAt()));
        change(setting, valueAt());
      });
      row.append(h("div", { class: "setting-label" }, label, output), element);
      return {
        setting,
        row,
        show(value) {
          if (focused(element)) return; // being moved: the server's echo would lag behind
          setText(output, display(setting, value));
          element.setAttribute("aria-valuetext", display(setting, value));
          const position = String(stepped ? nearestStep(widget.values, value as number) : value);
          if (element.value !== position) element.value = position;
        },
      };
    }
    case "number": {
      const message = h("p", { class: "setting-error", id: `${id}-error`, hidden: true });
      const element = h("input", { id, type: "number", min: widget.min, max: widget.max, step: widget.step, "aria-describedby": message.id });
      element.addEventListener("change", () => {
        const value = setting.parse(element.value);
        // The message stays after the field shows the session's value again: it names what was typed.
        if (value === undefined) element.setAttribute("aria-invalid", "true");
        else element.removeAttribute("aria-invalid");
        message.hidden = value !== undefined;
        setText(message, value === undefined ? rangeMessage(setting.label, element.value, widget) : "");
        if (value !== undefined) change(setting, value);
      });
      row.append(label, element, message);
      return {
        setting,
        row,
        show(value) {
          if (!focused(element) && element.value !== String(value)) element.value = String(value);
        },
      };
    }
    case "checkbox": {
      const element = h("input", { id, type: "checkbox" });
      element.addEventListener("change", () => change(setting, element.checked));
      row.append(element, label);
      return {
        setting,
        row,
        show(value) {
          element.checked = value === true;
        },
      };
    }
    case "checklist": {
      const boxes = widget.options.map((option) => {
        const boxId = uniqueId(`${id}-${option.value}`);
        const box = h("input", { id: boxId, type: "checkbox", value: option.value });
        return [box, h("span", { class: "check" }, box, h("label", { for: boxId }, option.label))] as const;
      });
      const checked = (): string[] => boxes.filter(([b]) => b.checked).map(([b]) => b.value);
      for (const [box] of boxes) box.addEventListener("change", () => change(setting, checked()));
      row.append(h("fieldset", {}, h("legend", {}, setting.label), ...boxes.map(([, wrap]) => wrap)));
      return {
        setting,
        row,
        show(value) {
          const on = new Set(value as readonly string[]);
          for (const [box] of boxes) {
            box.checked = on.has(box.value);
            box.disabled = box.checked && on.size === 1; // at least one feature stays
          }
        },
      };
    }
    case "custom":
      throw new Error(`setting ${setting.key} is drawn by its own view`);
  }
}

export class SettingsPanel {
  private readonly controls: Control[];

  constructor(container: HTMLElement, settings: readonly Setting[], change: Change) {
    this.controls = settings.map((s) => buildControl(s, change));
    container.append(...this.controls.map((c) => c.row));
  }

  /** Show `values`; hide settings that do not apply in `context` (e.g. momentum for Adam). */
  render(values: ReadonlyMap<string, Value>, context: Context | null): void {
    for (const control of this.controls) {
      const value = values.get(control.setting.key);
      if (value !== undefined) control.show(value, context);
      const relevant = context === null || control.setting.relevant === undefined || control.setting.relevant(context);
      if (control.row.hidden === relevant) control.row.hidden = !relevant;
    }
  }
}
