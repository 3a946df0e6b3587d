// The webview page: a strict Content-Security-Policy (nothing remote, inline style and script only with a
// per-page nonce), styles built on the VS Code theme variables (light, dark and high contrast follow
// automatically), and a small script that swaps in new content, copies names and asks to reveal places.
import { randomBytes } from 'node:crypto';

const styles = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 16px 0 2px; }
h2 { font-size: 1.15em; margin: 0 0 8px; }
h3 { font-size: 1em; margin: 16px 0 6px; }
code { font-family: var(--vscode-editor-font-family); }
.hint, .none { color: var(--vscode-descriptionForeground); }
section.set { border: 1px solid var(--vscode-panel-border, transparent); border-radius: 4px; padding: 12px 14px; margin: 14px 0; }
section.set.active { border-color: var(--vscode-focusBorder); }
p.build { margin: -4px 0 8px; color: var(--vscode-descriptionForeground); }
p.build strong { color: var(--vscode-foreground); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 6px 0; }
dl.facts dt { color: var(--vscode-descriptionForeground); }
dl.facts dd { margin: 0; }
dl.facts dd.hint { grid-column: 2; }
div.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; }
td:last-child { white-space: nowrap; }
span.part { white-space: nowrap; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--vscode-panel-border, transparent); vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; }
tr.kept td { color: var(--vscode-descriptionForeground); }
button.copy, button.reveal, button.jump { font: inherit; border: none; background: none; padding: 0; cursor: pointer; text-align: left; }
button.jump { color: var(--vscode-textLink-foreground); }
button.copy { color: var(--vscode-textLink-foreground); font-family: var(--vscode-editor-font-family); }
button.reveal { color: var(--vscode-textLink-foreground); text-decoration: underline; }
h2 button.reveal { font-weight: 600; text-decoration: none; }
button.copy:hover, button.reveal:hover, button.jump:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.problems { list-style: none; padding: 0; margin: 0 0 8px; }
.problem { padding: 4px 8px; margin: 4px 0; border-left: 3px solid var(--vscode-editorInfo-foreground); background: var(--vscode-textBlockQuote-background); }
.problem.error { border-left-color: var(--vscode-editorError-foreground); }
.problem.warning { border-left-color: var(--vscode-editorWarning-foreground); }
.problem .severity { font-weight: 600; }
.state.good { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
.state.bad { color: var(--vscode-errorForeground); font-weight: 600; }
.empty { margin-top: 24px; max-width: 44em; }
svg.orders { display: block; max-width: 100%; height: auto; margin: 4px 0 8px; }
svg.orders text { fill: var(--vscode-foreground); font-size: 11px; font-family: var(--vscode-font-family); }
svg.orders .pod rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-charts-blue); stroke-width: 1.5; }
svg.orders .pod.kept rect { stroke: var(--vscode-descriptionForeground); stroke-dasharray: 3 2; }
svg.orders .flow line { stroke: var(--vscode-foreground); stroke-width: 1.5; }
svg.orders .flow path { fill: var(--vscode-foreground); }
svg.orders .flow.update line { stroke: var(--vscode-charts-blue); }
svg.orders .flow.update path { fill: var(--vscode-charts-blue); }
svg.orders .partition line { stroke: var(--vscode-charts-orange); stroke-width: 2; stroke-dasharray: 5 3; }
svg.orders .partition text { fill: var(--vscode-charts-orange); }
svg.orders .row-label, svg.orders .gap { fill: var(--vscode-descriptionForeground); }
body.vscode-high-contrast section.set, body.vscode-high-contrast-light section.set { border-color: var(--vscode-contrastBorder); }
body.vscode-high-contrast svg.orders .pod rect, body.vscode-high-contrast-light svg.orders .pod rect { stroke: var(--vscode-contrastBorder); stroke-width: 2; }
#toast { position: fixed; bottom: 10px; right: 14px; padding: 4px 10px; border-radius: 3px; background: var(--vscode-notifications-background); color: var(--vscode-notifications-foreground); border: 1px solid var(--vscode-notifications-border, transparent); opacity: 0; transition: opacity .2s; }
#toast.shown { opacity: 1; }
`;

const script = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
const toast = document.getElementById('toast');
let toastTimer;
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'update') return;
  root.innerHTML = message.html;
  const active = document.querySelector('section.set.active');
  if (active && message.scroll) active.scrollIntoView({ block: 'start' });
});
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button.copy, button.reveal, button.jump') : null;
  if (!target) return;
  if (target.classList.contains('jump')) {
    const section = document.getElementById(target.dataset.target || '');
    if (section) section.scrollIntoView({ block: 'start' });
  } else if (target.classList.contains('copy')) {
    vscode.postMessage({ type: 'copy', text: target.dataset.copy });
    toast.textContent = 'Copied ' + target.dataset.copy;
    toast.classList.add('shown');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toast.classList.remove('shown'), 1500);
  } else {
    vscode.postMessage({ type: 'reveal', uri: target.dataset.uri, offset: Number(target.dataset.offset) });
  }
});
vscode.postMessage({ type: 'ready' });
`;

/** A fresh nonce for one page load. */
export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** The whole page around `body` (the first content, replaced later by `update` messages). */
export function renderPage(body: string, nonce = newNonce()): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Pod identities</title>
<style nonce="${nonce}">${styles}</style>
</head>
<body>
<main id="root">${body}</main>
<div id="toast" role="status"></div>
<script nonce="${nonce}">${script}</script>
</body>
</html>`;
}

/** Messages the page script posts to the extension. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'copy'; text: string }
  | { type: 'reveal'; uri: string; offset: number };

export function isPageMessage(value: unknown): value is PageMessage {
  const message = value as PageMessage | null;
  if (typeof message !== 'object' || message === null) return false;
  if (message.type === 'ready') return true;
  if (message.type === 'copy') return typeof message.text === 'string';
  return message.type === 'reveal' && typeof message.uri === 'string' && Number.isFinite(message.offset);
}
