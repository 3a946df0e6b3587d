// Paths in a kustomization are relative, `/`-separated; the renderer works on URIs (`file:///...`).
// These helpers resolve one against the other without touching the file system.

/** The folder holding `uri` (no trailing slash). */
export function folderOf(uri: string): string {
  const cut = uri.lastIndexOf('/');
  return cut > uri.indexOf('://') + 2 ? uri.slice(0, cut) : uri;
}

/** The last segment of `uri`, decoded. */
export function baseName(uri: string): string {
  const segment = uri.slice(uri.lastIndexOf('/') + 1);
  try { return decodeURIComponent(segment); } catch { return segment; }
}

/** Encodes a path segment the way VS Code's URIs do (every character outside `A-Za-z0-9-._~`). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function schemeRoot(uri: string): string {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(uri);
  return match ? match[0] : '';
}

/** The URI of `relative` (a kustomization path: `../base`, `patch.yaml`, `/abs/file`) seen from folder `folder`. */
export function resolveUri(folder: string, relative: string): string {
  const root = schemeRoot(folder);
  const start = relative.startsWith('/') ? [] : folder.slice(root.length).split('/').filter((part) => part !== '');
  const segments = [...start];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(encodeSegment(part));
  }
  return `${root}/${segments.join('/')}`;
}

/** Whether `uri` is `folder` or lies below it. */
export function isWithin(folder: string, uri: string): boolean {
  return uri === folder || uri.startsWith(`${folder}/`);
}

/** `uri` relative to `folder` (`overlays/prod`), or `uri` itself when it is not below it. */
export function relativeTo(folder: string, uri: string): string {
  if (uri === folder) return '.';
  if (!isWithin(folder, uri)) return uri;
  return uri.slice(folder.length + 1).split('/').map((part) => {
    try { return decodeURIComponent(part); } catch { return part; }
  }).join('/');
}

/** Whether a `resources` entry names a remote base (a URL or a git repository), which is never fetched. */
export function isRemoteReference(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^git@/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) || /[?&]ref=/.test(path) || /\.git(\/\/|$|\?)/.test(path);
}
