/** <ws-outline>: marks each lesson of the home page's outline with the learner's progress (lib/progress.ts). */
import { PROGRESS_KEY, loadProgress, type Progress } from '../../lib/progress.ts';
import { progressText } from '../../lib/strings.progress.fr.ts';

class OutlineElement extends HTMLElement {
  connectedCallback() {
    const exercises = JSON.parse(this.dataset.exercises ?? '{}') as Record<string, string[]>;
    this.#render(exercises, loadProgress(localStorage));
    addEventListener('storage', (event) => event.key === PROGRESS_KEY && this.#render(exercises, loadProgress(localStorage)));
  }

  #render(exercises: Record<string, string[]>, progress: Progress) {
    const passed = new Set(progress.passed);
    const read = new Set(progress.read);
    for (const item of this.querySelectorAll<HTMLElement>('li[data-lesson]')) {
      const path = item.dataset.lesson ?? '';
      const ids = exercises[path] ?? [];
      const done = ids.filter((id) => passed.has(id)).length;
      const text = progressText.mark(read.has(path), done, ids.length);
      const mark = item.querySelector<HTMLElement>('.ws-progress-mark');
      if (!mark) continue;
      mark.hidden = !text.visible;
      // Visible « ✓ 1/2 » for the eyes, a sentence for screen readers (aria-label on a span is not announced).
      const visible = document.createElement('span');
      visible.ariaHidden = 'true';
      visible.textContent = text.visible;
      const spoken = document.createElement('span');
      spoken.className = 'sr-only';
      spoken.textContent = text.spoken;
      mark.replaceChildren(visible, spoken);
      mark.dataset.complete = String(read.has(path) && done === ids.length);
    }
    const lessons = Object.keys(exercises);
    const all = Object.values(exercises).flat();
    const readCount = lessons.filter((p) => read.has(p)).length;
    const passedCount = all.filter((id) => passed.has(id)).length;
    const summary = this.querySelector('.ws-outline-summary');
    if (summary) summary.textContent = readCount + passedCount === 0 ? '' : progressText.summary(readCount, lessons.length, passedCount, all.length);
  }
}

if (!customElements.get('ws-outline')) customElements.define('ws-outline', OutlineElement);
