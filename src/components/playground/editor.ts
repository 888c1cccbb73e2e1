/** A Monaco editor for one playground: same themes as the page, follows the light/dark switch. */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { findSyntaxError } from '../../lib/syntax.ts';
import { changedSpan } from '../../lib/text-diff.ts';

type MonacoModule = typeof import('./monaco.ts');
let loading: Promise<MonacoModule> | undefined;

/** Loads Monaco (once per page). */
function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./monaco.ts');
  return loading;
}

function currentTheme(themes: MonacoModule['THEMES']): string {
  return document.documentElement.dataset.theme === 'light' ? themes.light : themes.dark;
}

/** What a playground needs from its editor. */
export interface CodeEditor {
  getCode(): string;
  setCode(code: string): void;
  /** Highlights the lines of `text` (a handler's source) in the code, or clears with undefined. */
  highlight(text: string | undefined): void;
  focus(): void;
  onChange(listener: (code: string) => void): void;
  /** Ctrl/Cmd+Enter. */
  onRun(listener: () => void): void;
  /** Marks a runtime error on its line (undefined clears it). */
  markError(error: { line: number; column?: number; message: string } | undefined): void;
  /**
   * Takes over from the typing layer: its edits as one undo step, its selection, scroll and
   * focus.
   */
  adopt(view: Adopted): void;
  /** Where the caret's line is on screen (client px). */
  caretTop(): number;
}

/** What the editor takes over (see LayerView in typing-layer.ts). */
export interface Adopted {
  text: string;
  /** The selection, as offsets in `text`. */
  anchor: number;
  focus: number;
  focused: boolean;
  /** Escape was the last key: the learner is on the way out (Escape then Tab leaves Monaco). */
  escaped: boolean;
  scrollLeft: number;
}

/** The static code's font, so that Monaco's lines fall where the static ones were. */
export interface EditorFont {
  family: string;
  size: number;
  lineHeight: number;
  /** Above the first line and below the last, px. */
  padding: number;
}

/** Mounts an editor in `container` with `code`. */
export async function createEditor(container: HTMLElement, code: string, label: string, font?: EditorFont): Promise<CodeEditor> {
  const { monaco, THEMES } = await loadMonaco();
  const editor = monaco.editor.create(container, {
    value: code,
    language: 'javascript',
    theme: currentTheme(THEMES),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // A phone's narrow column would hide the end of long lines: they wrap, indented, instead.
    wordWrap: 'on',
    wrappingIndent: 'indent',
    fontSize: 14,
    lineNumbersMinChars: 3,
    tabSize: 2,
    // Shiki colours brackets like the static blocks do; Monaco's own colours would differ.
    'bracketPairColorization.enabled': false,
    ariaLabel: label,
    scrollbar: { alwaysConsumeMouseWheel: false },
    fixedOverflowWidgets: true,
    ...(font && { fontFamily: font.family, fontSize: font.size, lineHeight: font.lineHeight, padding: { top: font.padding, bottom: font.padding } }),
  } as Monaco.editor.IStandaloneEditorConstructionOptions);
  const model = editor.getModel()!;

  const fitHeight = () => {
    container.style.height = `${Math.min(600, Math.max(80, editor.getContentHeight()))}px`;
    // Now rather than at the next resize observation: taking over reveals the caret at once.
    editor.layout();
  };
  editor.onDidContentSizeChange(fitHeight);
  fitHeight();

  const markSyntax = () => {
    const problem = findSyntaxError(model.getValue());
    monaco.editor.setModelMarkers(model, 'syntax', problem
      ? [{ severity: monaco.MarkerSeverity.Error, message: problem.message, startLineNumber: problem.line, startColumn: problem.column, endLineNumber: problem.line, endColumn: problem.column + 1 }]
      : []);
  };
  markSyntax();
  model.onDidChangeContent(markSyntax);
  // A runtime error's marker belongs to the code that ran; an edit makes it stale.
  model.onDidChangeContent(() => monaco.editor.setModelMarkers(model, 'runtime', []));

  // Monaco keeps Tab for indenting; Escape then Tab (or Shift+Tab) leaves the editor instead.
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) editor.updateOptions({ tabFocusMode: true });
    else if (event.keyCode !== monaco.KeyCode.Tab && event.keyCode !== monaco.KeyCode.Shift) editor.updateOptions({ tabFocusMode: false });
  });
  editor.onDidBlurEditorText(() => editor.updateOptions({ tabFocusMode: false }));

  new MutationObserver(() => monaco.editor.setTheme(currentTheme(THEMES))).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });

  let decorations = editor.createDecorationsCollection();
  return {
    getCode: () => model.getValue(),
    setCode: (next) => model.setValue(next),
    focus: () => editor.focus(),
    highlight(text) {
      decorations.clear();
      if (!text) return;
      const at = model.getValue().indexOf(text);
      if (at === -1) return;
      const start = model.getPositionAt(at);
      const end = model.getPositionAt(at + text.length);
      decorations = editor.createDecorationsCollection([
        { range: new monaco.Range(start.lineNumber, 1, end.lineNumber, 1), options: { isWholeLine: true, className: 'ws-step-line' } },
      ]);
      editor.revealLinesInCenterIfOutsideViewport(start.lineNumber, end.lineNumber);
    },
    onChange: (listener) => model.onDidChangeContent(() => listener(model.getValue())),
    onRun: (listener) => editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, listener),
    adopt(view) {
      const hunk = changedSpan(model.getValue(), view.text);
      if (hunk) {
        const [start, end] = [model.getPositionAt(hunk.from), model.getPositionAt(hunk.to)];
        // One undo step: Ctrl+Z in Monaco takes back what was typed before it arrived.
        model.pushStackElement();
        model.pushEditOperations([], [{ range: monaco.Range.fromPositions(start, end), text: hunk.text }], () => null);
        model.pushStackElement();
      }
      const [anchor, focus] = [model.getPositionAt(view.anchor), model.getPositionAt(view.focus)];
      editor.setSelection(monaco.Selection.fromPositions(anchor, focus));
      editor.setScrollLeft(view.scrollLeft);
      editor.revealPositionInCenterIfOutsideViewport(focus);
      if (view.focused) {
        editor.focus();
        if (view.escaped) editor.updateOptions({ tabFocusMode: true });
      }
    },
    caretTop() {
      const at = editor.getScrolledVisiblePosition(editor.getPosition() ?? { lineNumber: 1, column: 1 });
      return container.getBoundingClientRect().top + (at?.top ?? 0);
    },
    markError(error) {
      monaco.editor.setModelMarkers(model, 'runtime', error
        ? [{ severity: monaco.MarkerSeverity.Error, message: error.message, startLineNumber: error.line, startColumn: error.column ?? 1, endLineNumber: error.line, endColumn: model.getLineMaxColumn(Math.min(error.line, model.getLineCount())) }]
        : []);
    },
  };
}
