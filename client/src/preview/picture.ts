// A small SVG picture of a StatefulSet's orders: the pods as boxes, arrows for creation (ascending),
// scale down (descending) and rolling update (descending, stopping at the partition line). Colours come
// from CSS classes (see page.ts), which use the VS Code theme's variables. No vscode import: testable.
import type { StatefulSetIdentities } from '../../../server/src/protocol';
import { escapeHtml } from './html';

const box = 34;
const gap = 10;
const left = 96;
const top = 8;
/** Pods drawn at most; longer sets show their first and last pods around a gap. */
const maxDrawn = 12;

interface Slot {
  /** Position among the pods (ordinal - start), or undefined for the "…" gap. */
  index?: number;
  x: number;
}

function slots(replicas: number): Slot[] {
  const indexes: (number | undefined)[] = replicas <= maxDrawn
    ? Array.from({ length: replicas }, (_, index) => index)
    : [0, 1, 2, 3, 4, 5, undefined, ...Array.from({ length: 5 }, (_, index) => replicas - 5 + index)];
  return indexes.map((index, position) => ({ index, x: left + position * (box + gap) }));
}

function arrow(y: number, from: number, to: number, label: string, cssClass: string): string {
  const head = to > from ? -6 : 6;
  return `<g class="${cssClass}"><text class="row-label" x="4" y="${y + 4}">${escapeHtml(label)}</text>`
    + `<line x1="${from}" y1="${y}" x2="${to}" y2="${y}"/>`
    + `<path d="M${to} ${y} l${head} -4 v8 z"/></g>`;
}

/** The order picture of one StatefulSet, or '' when it has no pods. */
export function orderPicture(set: StatefulSetIdentities): string {
  if (set.replicas === 0 || !set.name) return '';
  const drawn = slots(set.replicas);
  const first = drawn[0].x;
  const last = drawn[drawn.length - 1].x + box;
  const width = last + 16;
  const rowsY = top + box + 22;
  const update = set.orders.update;
  const parts: string[] = [];
  for (const slot of drawn) {
    if (slot.index === undefined) {
      parts.push(`<text class="gap" x="${slot.x + box / 2}" y="${top + box / 2 + 5}" text-anchor="middle">…</text>`);
      continue;
    }
    const updated = update.strategy === 'RollingUpdate' && slot.index >= update.partition;
    const ordinal = set.start + slot.index;
    parts.push(`<g class="pod ${updated ? 'updated' : 'kept'}"><title>${escapeHtml(`${set.name}-${ordinal}`)}</title>`
      + `<rect x="${slot.x}" y="${top}" width="${box}" height="${box}" rx="4"/>`
      + `<text x="${slot.x + box / 2}" y="${top + box / 2 + 4}" text-anchor="middle">${ordinal}</text></g>`);
  }
  const creation = set.podManagementPolicy === 'Parallel' ? 'create: all' : 'create';
  const scaleDown = set.podManagementPolicy === 'Parallel' ? 'remove: all' : 'remove';
  parts.push(arrow(rowsY, first, last, creation, 'flow create'));
  parts.push(arrow(rowsY + 20, last, first, scaleDown, 'flow remove'));
  let height = rowsY + 34;
  if (update.strategy === 'OnDelete') {
    parts.push(`<text class="row-label" x="4" y="${rowsY + 44}">update: OnDelete, by hand (delete a pod to update it)</text>`);
    height += 20;
  } else if (update.updatedCount > 0) {
    const end = partitionX(drawn, update.partition) ?? first;
    parts.push(arrow(rowsY + 40, last, Math.max(end + 4, first), 'update', 'flow update'));
    height += 20;
  } else {
    parts.push(`<text class="row-label" x="4" y="${rowsY + 44}">update: none (partition ${update.partition} ≥ ${set.replicas} pods)</text>`);
    height += 20;
  }
  const cut = update.strategy === 'RollingUpdate' && update.partition > 0 ? partitionX(drawn, update.partition) : undefined;
  if (cut !== undefined) {
    parts.push(`<g class="partition"><line x1="${cut}" y1="2" x2="${cut}" y2="${height - 4}"/>`
      + `<text x="${cut + 4}" y="${height + 8}">partition ${update.partition}</text></g>`);
    height += 14;
  }
  const summary = `Order of ${set.replicas} pods: ${set.orders.creation.summary} ${set.orders.update.summary}`;
  return `<svg class="orders" role="img" aria-label="${escapeHtml(summary)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** The x of the line between position `partition - 1` and `partition`, when that boundary is drawn. */
function partitionX(drawn: Slot[], partition: number): number | undefined {
  if (partition <= 0) return undefined;
  const at = drawn.findIndex((slot) => slot.index !== undefined && slot.index >= partition);
  if (at < 0) return drawn[drawn.length - 1].x + box + gap / 2;
  return drawn[at].x - gap / 2;
}
