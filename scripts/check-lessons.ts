/**
 * `npm run check` starts here: checks every lesson (scripts/lesson-rules.ts) and prints one line
 * per problem, `file:line:column  rule  message`; exits 1 if there is any.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { lessonFiles } from '../test-support/lessons.ts';
import { checkLessons, formatProblem } from './lesson-rules.ts';

const lessons = lessonFiles();
// Files of public/ are served at the root, so a lesson may link to them.
const publicDir = path.join(import.meta.dirname, '..', 'public');
const publicFiles = readdirSync(publicDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => `/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);

const problems = checkLessons(lessons, publicFiles);
for (const problem of problems) console.error(formatProblem(problem));
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) in the lessons; see « Écrire une leçon » in the README.`);
  process.exit(1);
}
console.log(`Lessons: ${lessons.length} files checked, no problem.`);
