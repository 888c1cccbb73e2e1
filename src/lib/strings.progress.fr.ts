/** French strings of the sidebar progress. */
export const progressText = {
  /** The mark next to a lesson link: what is shown, and what a screen reader says. */
  mark(read: boolean, passed: number, total: number): { visible: string; spoken: string } {
    const exercises = total > 0 ? `${passed}/${total}` : '';
    const visible = [read ? '✓' : '', exercises].filter(Boolean).join(' ');
    const spoken = [
      read ? 'leçon lue' : 'leçon non lue',
      total > 0 ? `${passed} exercice${passed > 1 ? 's' : ''} réussi${passed > 1 ? 's' : ''} sur ${total}` : '',
    ].filter(Boolean).join(', ');
    return { visible: read || passed > 0 ? visible : '', spoken };
  },
  summary: (read: number, lessons: number, passed: number, exercises: number) =>
    `Progression : ${read} leçon${read > 1 ? 's' : ''} lue${read > 1 ? 's' : ''} sur ${lessons}, ${passed} exercice${passed > 1 ? 's' : ''} réussi${passed > 1 ? 's' : ''} sur ${exercises}.`,
};
