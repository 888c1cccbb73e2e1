/** The lessons with their playgrounds, from the one lesson walker: the suite and the site share one source. */
import { lessonPath, snippetsFromMarkdown, type Snippet } from '../src/lib/snippets.ts';
import { lessonFiles } from '../test-support/lessons.ts';

/** One lesson file, with its page path and its playgrounds. */
export interface Lesson {
  file: string;
  path: string;
  snippets: Snippet[];
}

/** Every lesson of the course, sorted by file name. */
export function lessons(): Lesson[] {
  return lessonFiles().map(({ file, text }) => ({ file, path: lessonPath(file), snippets: snippetsFromMarkdown(text) }));
}
