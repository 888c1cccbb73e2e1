/**
 * <ws-progress>: marks lessons read and exercises passed in the sidebar, from localStorage,
 * and records progress as the learner goes (a lesson counts as read once its end is reached).
 */
import { PROGRESS_KEY, loadProgress, record, type Progress } from '../../lib/progress.ts';
import { progressText } from '../../lib/strings.progress.fr.ts';

class ProgressElement extends HTMLElement {
  #exercises: Record<string, string[]> = {};

  connectedCallback() {
    this.#exercises = JSON.parse(this.dataset.exercises ?? '{}');
    this.#render(loadProgress(localStorage));
    document.addEventListener('ws-exercise-passed', (event) => {
      const id = (event as CustomEvent<{ id: string }>).detail.id;
      this.#render(record(localStorage, 'passed', id));
    });
    addEventListener('storage', (event) => event.key === PROGRESS_KEY && this.#render(loadProgress(localStorage)));
    this.#watchEndOfLesson();
  }

  #watchEndOfLesson() {
    const path = location.pathname.endsWith('/') ? location.pathname : `${location.pathname}/`;
    if (!(path in this.#exercises) || path === '/') return;
    // The pagination links sit after the lesson's last paragraph.
    const end = document.querySelector('.pagination-links') ?? document.querySelector('footer');
    if (!end) return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      this.#render(record(localStorage, 'read', path));
    });
    observer.observe(end);
  }

  #render(progress: Progress) {
    const lessons = Object.keys(this.#exercises).filter((p) => p !== '/');
    const allExercises = Object.values(this.#exercises).flat();
    const passed = new Set(progress.passed);
    const read = new Set(progress.read);
    for (const link of document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href], nav.sidebar a[href]')) {
      const path = new URL(link.href).pathname;
      const ids = this.#exercises[path];
      if (!ids) continue;
      link.querySelector('.ws-progress-mark')?.remove();
      const done = ids.filter((id) => passed.has(id)).length;
      const text = progressText.mark(read.has(path), done, ids.length);
      if (!text.visible) continue;
      const mark = document.createElement('span');
      mark.className = 'ws-progress-mark';
      mark.dataset.complete = String(read.has(path) && done === ids.length);
      mark.setAttribute('aria-label', text.spoken);
      mark.textContent = text.visible;
      link.append(mark);
    }
    const readCount = lessons.filter((p) => read.has(p)).length;
    const passedCount = allExercises.filter((id) => passed.has(id)).length;
    const summary = this.querySelector('.ws-progress-summary');
    if (summary) summary.textContent = readCount + passedCount === 0 ? '' : progressText.summary(readCount, lessons.length, passedCount, allExercises.length);
  }
}

if (!customElements.get('ws-progress')) customElements.define('ws-progress', ProgressElement);
