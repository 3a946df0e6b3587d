// Where a rendered document came from: `helm template` writes `# Source: chart/templates/x.yaml` at
// the top of each document it prints. A finding in such a document keeps that path as its origin
// (JSON `origin`, SARIF related location), so that the report points back to the template.

const sourceLine = /^# Source: (\S.*)$/;

interface Marker { offset: number; source?: string }

/** The origin of each offset of a text: the `# Source:` comment of its document, if any. */
export function originFinder(text: string): (offset: number) => string | undefined {
  if (!text.includes('# Source: ')) return () => undefined;
  // Document separators and source comments, in text order (one pass over the lines).
  const markers: Marker[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.startsWith('---') && (line.length === 3 || line[3] === ' ' || line[3] === '\t')) markers.push({ offset: start });
    else if (line.startsWith('# Source: ')) {
      const match = sourceLine.exec(line.trimEnd());
      if (match) markers.push({ offset: start, source: match[1] });
    }
    start = end + 1;
  }
  return (offset) => {
    // The last marker at or before the offset: a source comment (the origin), or a separator (none).
    let low = 0;
    let high = markers.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (markers[middle].offset <= offset) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found < 0 ? undefined : markers[found].source;
  };
}
