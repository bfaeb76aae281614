// The "Lessons" menu in the top bar and the open lesson's panel: its idea, what to try,
// what to notice, "Start training" (a lesson opens paused, waiting for the learner to
// read it), and Previous/Next (also PageUp/PageDown, the keys a presentation
// clicker sends) so a teacher can step through them on a projector.

import "./lessons.css";

import { neighbour, type Lesson } from "../lessons";
import { button, h, setText, uniqueId } from "./dom";
import { ownsKey } from "./playback";

export interface LessonActions {
  /** Apply the lesson's preset to the session and show it. */
  open(lesson: Lesson): void;
  /** Start training (the lesson opened paused). */
  play(): void;
  close(): void;
}

export class LessonPanel {
  current: Lesson | null = null;
  private readonly menuButton: HTMLButtonElement;
  // A disclosure: the Lessons button shows or hides a list of ordinary buttons (Tab moves
  // through them, Escape closes it), with no menu semantics to promise arrow keys.
  private readonly menu = h("ul", { class: "lesson-menu", id: uniqueId("lesson-menu"), hidden: true });
  private readonly count = h("span", { class: "lesson-count" });
  private readonly title = h("h2", { class: "lesson-title" });
  private readonly idea = h("p", { class: "lesson-idea" });
  private readonly tryList = h("ul");
  private readonly noticeList = h("ul");
  /** Hidden for a lesson that steps through one example instead of training. */
  private readonly start: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(
    /** The lab's lessons, in order. */
    private readonly lessons: readonly Lesson[],
    menuContainer: HTMLElement,
    private readonly panel: HTMLElement,
    private readonly actions: LessonActions,
    /** Presentation mode, where a clicker's PageUp/PageDown move through the lessons. */
    private readonly present = false,
  ) {
    this.menuButton = button("Lessons", () => this.toggleMenu(), { class: "lessons-button", "aria-expanded": "false", "aria-controls": this.menu.id });
    this.menu.append(...lessons.map((lesson, i) => h("li", {}, button(`${i + 1}. ${lesson.title}`, () => this.choose(lesson), { "data-lesson": lesson.id }))));
    menuContainer.append(this.menuButton, this.menu);
    this.start = h("p", { class: "lesson-start" }, button("▶ Start training", () => this.actions.play(), { class: "primary", title: "The lesson waits, paused, until you start it" }));
    this.previous = button("← Previous lesson", () => this.step(-1), { title: "Page Up" });
    this.next = button("Next lesson →", () => this.step(1), { title: "Page Down" });
    // A fixed name: the title's words ("The learning rate") would shadow the controls' labels.
    panel.setAttribute("aria-label", "Lesson");
    panel.append(
      h("header", { class: "lesson-head" }, h("div", {}, this.count, this.title), button("Close", () => this.actions.close(), { class: "lesson-close", title: "Close the lesson" })),
      this.idea,
      this.start,
      h("div", { class: "lesson-columns" }, h("div", {}, h("h3", {}, "Try"), this.tryList), h("div", {}, h("h3", {}, "Notice"), this.noticeList)),
      h("nav", { class: "lesson-nav", "aria-label": "Lessons" }, this.previous, button("Restart lesson", () => this.current && this.choose(this.current)), this.next),
    );
    panel.hidden = true;
    document.addEventListener("click", (event) => {
      if (!this.menu.hidden && !menuContainer.contains(event.target as Node)) this.closeMenu();
    });
    window.addEventListener("keydown", (event) => this.key(event));
  }

  /** Show `lesson` (or nothing); the caller has applied its preset. */
  show(lesson: Lesson | null): void {
    this.current = lesson;
    this.panel.hidden = lesson === null;
    if (lesson === null) return;
    setText(this.count, `Lesson ${this.lessons.indexOf(lesson) + 1} of ${this.lessons.length}`);
    setText(this.title, lesson.title);
    setText(this.idea, lesson.idea);
    this.tryList.replaceChildren(...lesson.tryThis.map((t) => h("li", {}, t)));
    this.noticeList.replaceChildren(...lesson.notice.map((t) => h("li", {}, t)));
    this.start.hidden = lesson.stepThrough === true;
    this.previous.disabled = neighbour(this.lessons, lesson, -1) === null;
    this.next.disabled = neighbour(this.lessons, lesson, 1) === null;
    for (const item of this.menu.querySelectorAll<HTMLElement>("[data-lesson]")) {
      item.setAttribute("aria-current", String(item.dataset["lesson"] === lesson.id));
    }
  }

  private choose(lesson: Lesson): void {
    this.closeMenu();
    this.actions.open(lesson);
  }

  private step(delta: number): void {
    const lesson = this.current === null ? null : neighbour(this.lessons, this.current, delta);
    if (lesson !== null) this.choose(lesson);
  }

  private toggleMenu(): void {
    const open = this.menu.hidden;
    this.menu.hidden = !open;
    this.menuButton.setAttribute("aria-expanded", String(open));
    if (open) (this.menu.querySelector<HTMLElement>('[aria-current="true"]') ?? this.menu.querySelector<HTMLElement>("button"))?.focus();
  }

  private closeMenu(): void {
    this.menu.hidden = true;
    this.menuButton.setAttribute("aria-expanded", "false");
  }

  private key(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || ownsKey(event.target, event.key)) return;
    if (event.key === "Escape" && !this.menu.hidden) {
      this.closeMenu();
      this.menuButton.focus();
    } else if ((event.key === "PageDown" || event.key === "PageUp") && this.current !== null && (this.present || this.panel.contains(event.target as Node))) {
      // Elsewhere these keys scroll the page: only a presenter, or someone in the lesson
      // panel, means "the next lesson" (which resets the training).
      event.preventDefault();
      this.step(event.key === "PageDown" ? 1 : -1);
    }
  }
}
