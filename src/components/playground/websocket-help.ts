/**
 * The editor speaks WebSocket in French: completion after a WebSocket value, an event or
 * `WebSocket.`, the codes a page may send inside `close(`, the values of binaryType, and hover
 * documentation for each of them. What to offer is decided in src/lib/editor-help.ts, from the
 * table in src/lib/websocket-api.fr.ts. This module loads with Monaco, so it adds nothing
 * before interaction, and it needs no TypeScript worker.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { completionContext, hoverDoc } from '../../lib/editor-help.ts';
import { KIND_LABELS, type ApiEntry, type ApiKind } from '../../lib/websocket-api.fr.ts';

function markdown(entry: ApiEntry): Monaco.IMarkdownString {
  return { value: `\`${entry.signature}\` — ${KIND_LABELS[entry.kind]}\n\n${entry.doc}` };
}

/** Registers the completion and hover providers on Monaco's JavaScript language (once per page). */
export function registerWebSocketHelp(monaco: typeof Monaco): void {
  const kinds = monaco.languages.CompletionItemKind;
  const iconOf: Record<ApiKind, Monaco.languages.CompletionItemKind> = {
    property: kinds.Property,
    method: kinds.Method,
    handler: kinds.Event,
    constant: kinds.Constant,
    field: kinds.Field,
    value: kinds.Value,
  };
  monaco.languages.registerCompletionItemProvider('javascript', {
    triggerCharacters: ['.', '(', '='],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber);
      const entries = completionContext(line.slice(0, position.column - 1), model.getValue());
      if (!entries) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      return {
        suggestions: entries.map((entry, index) => ({
          label: entry.name,
          kind: iconOf[entry.kind],
          detail: entry.signature,
          documentation: markdown(entry),
          insertText: entry.insert ?? entry.name,
          // Keep the table's order (the lesson's order) rather than the alphabet.
          sortText: String(index).padStart(3, '0'),
          range,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider('javascript', {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return undefined;
      const line = model.getLineContent(position.lineNumber);
      const entry = hoverDoc(word.word, line.slice(0, word.startColumn - 1), line.slice(word.endColumn - 1));
      if (!entry) return undefined;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [markdown(entry)],
      };
    },
  });
}
