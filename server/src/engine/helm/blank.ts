// A template with its `{{ ... }}` actions blanked out, every offset kept, so that it parses as YAML:
// - an action on lines of its own (`{{- if ... }}`, `{{- include "x.labels" . | nindent 4 }}`) becomes
//   spaces; what it prints (lines of YAML) is unknown, and reading.ts records where it goes;
// - an action that prints inside a line (`replicas: {{ .Values.replicas }}`) becomes an opaque
//   placeholder scalar of the same length (`xxxx...`), so the line stays a `key: value` pair;
// - the body of a `define` prints nothing where it is written: it becomes spaces;
// - of an `if`/`with` chain with `else` branches, one branch is kept (the one with the most literal
//   text) and the others become spaces, so that the kept text is one consistent document (both
//   branches together would give duplicate keys or broken indentation).
// Line breaks are always kept. Linear in the text length.
import { opensBlock, printsOutput, scanActions, type TemplateAction } from './actions';
import type { Span } from '../types';

/** The character that fills a placeholder scalar. */
export const placeholderChar = 'x';

export interface TemplateBranch extends Span {
  /** The action that opens the branch (the block's opener or an `else`). */
  action: TemplateAction;
}

export interface TemplateBlock {
  opener: TemplateAction;
  /** The `{{ end }}`, when there is one. */
  closer?: TemplateAction;
  /** The text between the opener, each `else` and the end. */
  branches: TemplateBranch[];
  /** Index of the branch left in the blanked text; -1 for a `define` (nothing is kept). */
  kept: number;
  /** From the opener's `{{` to the end's `}}` (or the end of the text). */
  span: Span;
  /** The innermost enclosing block, when nested. */
  parent?: TemplateBlock;
}

export interface BlankedTemplate {
  /** The blanked text: same length and same line breaks as the template. */
  text: string;
  actions: TemplateAction[];
  /** For each action (same index): whether it stands on lines of its own (nothing else but spaces and actions). */
  standalone: boolean[];
  blocks: TemplateBlock[];
  /** Text left out of the blanked text: `define` bodies and branches not kept, in order. */
  hidden: Span[];
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

/** Whether each line has literal (non-space) text outside actions. */
function linesWithLiteralText(text: string, actions: TemplateAction[]): { literal: boolean[]; lineOf: Int32Array } {
  const lineOf = new Int32Array(text.length + 1);
  const literal: boolean[] = [false];
  let line = 0;
  let actionIndex = 0;
  for (let index = 0; index < text.length; index++) {
    lineOf[index] = line;
    while (actions[actionIndex] && actions[actionIndex].end <= index) actionIndex++;
    const action = actions[actionIndex];
    const inAction = action !== undefined && index >= action.start;
    if (!inAction && !isBlank(text[index])) literal[line] = true;
    if (text[index] === '\n') { line++; literal[line] = false; }
  }
  lineOf[text.length] = line;
  return { literal, lineOf };
}

/** The blocks (if/range/with/define/block), their branches, nested by a stack; unbalanced ends are ignored. */
function blocksOf(actions: TemplateAction[], textLength: number): TemplateBlock[] {
  const blocks: TemplateBlock[] = [];
  const stack: TemplateBlock[] = [];
  for (const action of actions) {
    if (opensBlock(action)) {
      const block: TemplateBlock = {
        opener: action, branches: [{ start: action.end, end: textLength, action }], kept: 0,
        span: { start: action.start, end: textLength }, parent: stack[stack.length - 1],
      };
      blocks.push(block);
      stack.push(block);
    } else if (action.kind === 'else') {
      const block = stack[stack.length - 1];
      if (!block) continue;
      block.branches[block.branches.length - 1].end = action.start;
      block.branches.push({ start: action.end, end: textLength, action });
    } else if (action.kind === 'end') {
      const block = stack.pop();
      if (!block) continue;
      block.branches[block.branches.length - 1].end = action.start;
      block.closer = action;
      block.span.end = action.end;
    }
  }
  return blocks;
}

/** Prefix sums of literal (non-space, outside actions) characters, to weigh branches in O(1). */
function literalWeights(text: string, actions: TemplateAction[]): Int32Array {
  const sums = new Int32Array(text.length + 1);
  let actionIndex = 0;
  for (let index = 0; index < text.length; index++) {
    while (actions[actionIndex] && actions[actionIndex].end <= index) actionIndex++;
    const action = actions[actionIndex];
    const inAction = action !== undefined && index >= action.start;
    sums[index + 1] = sums[index] + (inAction || isBlank(text[index]) ? 0 : 1);
  }
  return sums;
}

function chooseKeptBranches(blocks: TemplateBlock[], weights: Int32Array): void {
  for (const block of blocks) {
    if (block.opener.kind === 'define') { block.kept = -1; continue; }
    if (block.opener.kind !== 'if' && block.opener.kind !== 'with') { block.kept = 0; continue; }
    let best = 0;
    let bestWeight = -1;
    block.branches.forEach((branch, index) => {
      const weight = weights[branch.end] - weights[branch.start];
      if (weight > bestWeight) { best = index; bestWeight = weight; }
    });
    block.kept = best;
  }
}

function hiddenSpans(blocks: TemplateBlock[]): Span[] {
  const spans: Span[] = [];
  for (const block of blocks) {
    block.branches.forEach((branch, index) => {
      if (index !== block.kept && branch.end > branch.start) spans.push({ start: branch.start, end: branch.end });
    });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop spans inside an earlier one (a block nested in a hidden branch).
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) { last.end = Math.max(last.end, span.end); continue; }
    merged.push({ ...span });
  }
  return merged;
}

/** Blanks a template's actions (see the file comment). Never throws; linear time. */
export function blankTemplate(template: string): BlankedTemplate {
  const actions = scanActions(template);
  const chars = template.split('');
  const { literal, lineOf } = linesWithLiteralText(template, actions);
  const standalone = actions.map((action) => !literal[lineOf[action.start]] && !literal[lineOf[Math.max(action.start, action.end - 1)]]);
  actions.forEach((action, index) => {
    const fill = !standalone[index] && printsOutput(action) ? placeholderChar : ' ';
    let firstLine = true;
    for (let at = action.start; at < action.end; at++) {
      if (chars[at] === '\n') { firstLine = false; continue; }
      if (chars[at] === '\r') continue;
      chars[at] = firstLine ? fill : ' ';
    }
  });
  const blocks = blocksOf(actions, template.length);
  chooseKeptBranches(blocks, literalWeights(template, actions));
  const hidden = hiddenSpans(blocks);
  for (const span of hidden) {
    for (let at = span.start; at < span.end; at++) if (chars[at] !== '\n' && chars[at] !== '\r') chars[at] = ' ';
  }
  return { text: chars.join(''), actions, standalone, blocks, hidden };
}

/** Whether an offset lies in hidden text (a define body, a branch not kept). `hidden` is sorted. */
export function isHidden(blanked: BlankedTemplate, offset: number): boolean {
  let low = 0;
  let high = blanked.hidden.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = blanked.hidden[middle];
    if (offset < span.start) high = middle - 1;
    else if (offset >= span.end) low = middle + 1;
    else return true;
  }
  return false;
}
