// HTML escaping for the preview: every text and attribute value from a manifest goes through here.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]);
}

/**
 * A name that may wrap only after its dots (`web-0.nginx.<wbr>default.<wbr>svc…`), never inside a
 * label at its hyphens: each dot-separated part is a span that does not wrap. Its text is the name.
 */
export function wrappableName(name: string): string {
  return name.split('.').map((part) => `<span class="part">${escapeHtml(part)}</span>`).join('.<wbr>');
}

/** A button that copies `text` when clicked (handled by the page script). */
export function copyButton(text: string, label = text): string {
  return `<button type="button" class="copy" data-copy="${escapeHtml(text)}" title="Copy ${escapeHtml(text)}">${wrappableName(label)}</button>`;
}

/** A button that shows a place of a file in the editor (handled by the page script). */
export function revealButton(uri: string, offset: number, label: string): string {
  return `<button type="button" class="reveal" data-uri="${escapeHtml(uri)}" data-offset="${offset}" title="Show in the editor">${escapeHtml(label)}</button>`;
}

/** A button that scrolls the preview to the section with id `target` (handled by the page script). */
export function jumpButton(target: string, label: string): string {
  return `<button type="button" class="jump" data-target="${escapeHtml(target)}" title="Show this section">${escapeHtml(label)}</button>`;
}
