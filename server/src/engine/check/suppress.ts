// Inline suppression comments:
//   # statefulset-lint-disable-line [rule-id ...]       on the line of the finding
//   # statefulset-lint-disable-next-line [rule-id ...]  on the line before it
//   # statefulset-lint-disable [rule-id ...]            on its own line: for the whole document
// Without rule ids, every rule is silenced there. Ids are separated by spaces or commas.
import { lineColumn, type ParsedFile } from '../yaml/parse';
import type { Finding, Span } from '../types';

interface Directive {
  kind: 'line' | 'next-line' | 'document';
  line: number;
  offset: number;
  ids: string[] | 'all';
}

const pattern = /#\s*statefulset-lint-disable(-line|-next-line)?\b([^\n#]*)/g;
const cache = new WeakMap<ParsedFile, Directive[]>();

function directives(file: ParsedFile): Directive[] {
  let found = cache.get(file);
  if (found) return found;
  found = [];
  if (file.text.includes('statefulset-lint-disable')) {
    for (const match of file.text.matchAll(pattern)) {
      const offset = match.index ?? 0;
      const ids = match[2].split(/[\s,]+/).filter(Boolean);
      const kind = match[1] === '-line' ? 'line' : match[1] === '-next-line' ? 'next-line' : 'document';
      found.push({ kind, offset, line: lineColumn(file, offset).line, ids: ids.length ? ids : 'all' });
    }
  }
  cache.set(file, found);
  return found;
}

/** The document an offset belongs to; comments before a document's first key belong to it. */
function documentSpanAt(file: ParsedFile, offset: number): Span | undefined {
  return file.documents.find((doc) => offset <= doc.span.end)?.span
    ?? (file.documents.length === 0 ? { start: 0, end: file.text.length } : undefined);
}

export function isSuppressed(file: ParsedFile, finding: Finding): boolean {
  const list = directives(file);
  if (list.length === 0) return false;
  const line = lineColumn(file, finding.start).line;
  const findingDoc = documentSpanAt(file, finding.start);
  return list.some((directive) => {
    if (directive.ids !== 'all' && !directive.ids.includes(finding.ruleId)) return false;
    if (directive.kind === 'line') return directive.line === line;
    if (directive.kind === 'next-line') return directive.line + 1 === line;
    const directiveDoc = documentSpanAt(file, directive.offset);
    return !!directiveDoc && !!findingDoc && directiveDoc.start === findingDoc.start;
  });
}
