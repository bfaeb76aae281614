// Tiny helpers for building DOM by hand, so views read as structure, not boilerplate.

type Attributes = Record<string, string | number | boolean | undefined>;

/** An element with attributes (`class`, `aria-*`, ... ; false/undefined are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    // A style goes through CSSOM: the page's CSP (style-src 'self') blocks style attributes.
    if (name === "style") element.style.cssText = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children);
  return element;
}

/** A button whose accessible name is its text, unless `label` names it (icon buttons). */
export function button(text: string, onClick: () => void, attributes: Attributes = {}): HTMLButtonElement {
  const element = h("button", { type: "button", ...attributes }, text);
  element.addEventListener("click", onClick);
  return element;
}

/** A select of `options` ([value, text]) with an accessible label. */
export function select(label: string, options: readonly { value: string; label: string }[], onChange: (value: string) => void, attributes: Attributes = {}): HTMLSelectElement {
  const element = h("select", { "aria-label": label, ...attributes }, ...options.map((o) => h("option", { value: o.value }, o.label)));
  element.addEventListener("change", () => onChange(element.value));
  return element;
}

/** Set text only when it changed: writing the DOM every frame costs layout work. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

let counter = 0;
/** A page-unique id for label/for pairs. */
export const uniqueId = (prefix: string): string => `${prefix}-${++counter}`;

/** A visible `<label for>` naming `control` (given an id if it has none). The label is its
 *  accessible name, so an aria-label (which would override it) is dropped. */
export function labelFor(text: string, control: HTMLElement, attributes: Attributes = {}): HTMLLabelElement {
  control.id ||= uniqueId("control");
  control.removeAttribute("aria-label");
  return h("label", { for: control.id, ...attributes }, text);
}
