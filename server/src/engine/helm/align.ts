// Which template line printed a line of rendered output. Used for Helm's YAML errors, whose line
// number counts lines of the rendered document: literal template lines are matched to rendered lines
// in order (actions match anything), and lines no template line matches are put on the
// line-printing action (an include, toYaml) before them.
import { printsOutput, scanActions, type TemplateAction } from './actions';

interface TemplateLine {
  /** The literal pieces of the line between actions, outer whitespace trimmed; empty for a line of actions only. */
  pieces: string[];
  /** Whether the line starts or ends with an action (a wildcard at that end). */
  openStart: boolean;
  openEnd: boolean;
  /** Whether the line consists of actions only and one of them prints (an include, toYaml). */
  prints: boolean;
}

/** How far ahead a rendered line looks for its template line (loops and long helpers stay within it). */
const window = 400;

function templateLines(template: string, actions: TemplateAction[]): TemplateLine[] {
  const lines: TemplateLine[] = [];
  let lineStart = 0;
  let actionIndex = 0;
  while (lineStart <= template.length) {
    const newline = template.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? template.length : newline;
    const pieces: string[] = [];
    let prints = false;
    let cursor = lineStart;
    let openStart = false;
    let openEnd = false;
    while (actionIndex < actions.length && actions[actionIndex].end <= lineStart) actionIndex++;
    for (let index = actionIndex; index < actions.length && actions[index].start < lineEnd; index++) {
      const action = actions[index];
      const before = template.slice(cursor, Math.max(cursor, action.start));
      if (before.trim() !== '') pieces.push(before);
      else if (pieces.length === 0) openStart = true;
      if (printsOutput(action)) prints = true;
      cursor = Math.max(cursor, action.end);
      openEnd = true;
    }
    const rest = cursor < lineEnd ? template.slice(cursor, lineEnd) : '';
    if (rest.trim() !== '') { pieces.push(rest); openEnd = false; }
    const trimmed = pieces.map((piece, index) => {
      let text = piece;
      if (index === 0) text = text.trimStart();
      if (index === pieces.length - 1) text = text.trimEnd();
      return text;
    });
    lines.push({ pieces: trimmed.filter((piece) => piece !== ''), openStart, openEnd, prints: prints && trimmed.every((piece) => piece === '') });
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return lines;
}

function matches(line: TemplateLine, rendered: string): boolean {
  if (line.pieces.length === 0) return false;
  const text = rendered.trim();
  let cursor = 0;
  for (let index = 0; index < line.pieces.length; index++) {
    const piece = line.pieces[index];
    const at = text.indexOf(piece, cursor);
    if (at < 0) return false;
    if (index === 0 && !line.openStart && at !== 0) return false;
    cursor = at + piece.length;
  }
  return line.openEnd || cursor === text.length;
}

/**
 * The 0-based template line that printed rendered line `target` (0-based) of `rendered`, the whole
 * output of that template. Best effort: exact for literal lines, the printing action's line otherwise.
 */
export function templateLineOf(template: string, rendered: string, target: number): number {
  const lines = templateLines(template, scanActions(template));
  const renderedLines = rendered.split('\n');
  let next = 0;
  let lastMatched = -1;
  for (let index = 0; index <= Math.min(target, renderedLines.length - 1); index++) {
    const text = renderedLines[index];
    if (text.trim() === '') continue;
    let found = -1;
    for (let candidate = next; candidate < Math.min(lines.length, next + window); candidate++) {
      if (matches(lines[candidate], text)) { found = candidate; break; }
    }
    // A loop prints its body again: look back a little for the line just matched before.
    if (found < 0) {
      for (let candidate = Math.max(0, lastMatched); candidate >= Math.max(0, lastMatched - window) && candidate < next; candidate--) {
        if (matches(lines[candidate], text)) { found = candidate; break; }
      }
    }
    if (found >= 0) {
      if (index === target) return found;
      lastMatched = found;
      next = found + 1;
      continue;
    }
    if (index === target) break;
  }
  // Not a literal line: the printing action after the last matched line (or before it), else that line.
  for (let candidate = lastMatched + 1; candidate < Math.min(lines.length, lastMatched + 1 + window); candidate++) {
    if (lines[candidate].prints) return candidate;
    if (lines[candidate].pieces.length > 0) break;
  }
  return Math.max(0, lastMatched);
}
