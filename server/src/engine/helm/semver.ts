// Versions and version constraints as Helm reads them (github.com/Masterminds/semver/v3, the version
// Helm 3.17 and 4 build with): NewVersion (what Chart.yaml `version` must satisfy: `v1`, `1.2` are
// accepted and filled with zeros), StrictNewVersion (SemVer 2 exactly, what `helm lint` asks for),
// and NewConstraint (kubeVersion, dependency versions). Hand-written scanners, no regular
// expressions over user text.

function isDigits(text: string): boolean {
  if (text === '') return false;
  for (const char of text) if (char < '0' || char > '9') return false;
  return true;
}

function isIdentifier(text: string): boolean {
  if (text === '') return false;
  for (const char of text) {
    const ok = (char >= '0' && char <= '9') || (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '-';
    if (!ok) return false;
  }
  return true;
}

/** Pre-release identifiers: alphanumerics and `-`; numeric ones without leading zeros. */
function validPrerelease(text: string): boolean {
  return text.split('.').every((part) => isIdentifier(part) && !(isDigits(part) && part.length > 1 && part[0] === '0'));
}

function validMetadata(text: string): boolean {
  return text.split('.').every(isIdentifier);
}

/** Splits `1.2.3-pre+meta` (no `v`) into its core and extras; undefined when the extras are malformed. */
function splitExtras(text: string): { core: string; pre?: string; meta?: string } | undefined {
  let core = text;
  let meta: string | undefined;
  const plus = core.indexOf('+');
  if (plus >= 0) { meta = core.slice(plus + 1); core = core.slice(0, plus); if (!validMetadata(meta)) return undefined; }
  let pre: string | undefined;
  const dash = core.indexOf('-');
  if (dash >= 0) { pre = core.slice(dash + 1); core = core.slice(0, dash); if (!validPrerelease(pre)) return undefined; }
  return { core, ...(pre !== undefined ? { pre } : {}), ...(meta !== undefined ? { meta } : {}) };
}

/** Masterminds' NewVersion: `v`?major(.minor(.patch)?)? with optional pre-release and build metadata. */
export function isHelmVersion(text: string): boolean {
  const parts = splitExtras(text.startsWith('v') ? text.slice(1) : text);
  if (!parts) return false;
  const numbers = parts.core.split('.');
  return numbers.length >= 1 && numbers.length <= 3 && numbers.every((part) => isDigits(part) && part.length <= 19);
}

/** Masterminds' StrictNewVersion: SemVer 2 exactly (three numbers without leading zeros, no `v`). */
export function isStrictSemver(text: string): boolean {
  const parts = splitExtras(text);
  if (!parts) return false;
  const numbers = parts.core.split('.');
  return numbers.length === 3 && numbers.every((part) => isDigits(part) && part.length <= 19 && !(part.length > 1 && part[0] === '0'));
}

const operators = ['!=', '>=', '=>', '<=', '=<', '~>', '=', '>', '<', '~', '^'];

/** A constraint version: like a version, but x, X and * may stand for a number. */
function isConstraintVersion(text: string): boolean {
  const body = text.startsWith('v') ? text.slice(1) : text;
  const parts = splitExtras(body);
  if (!parts) return false;
  const numbers = parts.core.split('.');
  if (numbers.length < 1 || numbers.length > 3) return false;
  return numbers.every((part) => part === 'x' || part === 'X' || part === '*' || (isDigits(part) && part.length <= 19));
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function readToken(text: string, from: number): { token: string; end: number } {
  let end = from;
  while (end < text.length && !isSpace(text[end]) && text[end] !== ',') end++;
  return { token: text.slice(from, end), end };
}

/** One `||` alternative: constraints separated by spaces or commas, or a hyphen range `1.2 - 1.4`. */
function isConstraintGroup(group: string): boolean {
  const tokens: string[] = [];
  let index = 0;
  let commaAllowed = false;
  while (index < group.length) {
    if (isSpace(group[index])) { index++; continue; }
    if (group[index] === ',') {
      if (!commaAllowed) return false;
      commaAllowed = false;
      index++;
      continue;
    }
    const { token, end } = readToken(group, index);
    tokens.push(token);
    index = end;
    commaAllowed = true;
  }
  if (tokens.length === 0) return false;
  // Hyphen ranges: `A - B`.
  const joined: string[] = [];
  for (let at = 0; at < tokens.length; at++) {
    if (tokens[at + 1] === '-' && tokens[at + 2] !== undefined) {
      if (!isConstraintVersion(tokens[at]) || !isConstraintVersion(tokens[at + 2])) return false;
      at += 2;
      continue;
    }
    joined.push(tokens[at]);
  }
  // An operator may stand apart from its version (`>= 1.2`).
  for (let at = 0; at < joined.length; at++) {
    let token = joined[at];
    if (operators.includes(token)) {
      const next = joined[at + 1];
      if (next === undefined) return false;
      token += next;
      at++;
    }
    const operator = operators.find((candidate) => token.startsWith(candidate)) ?? '';
    if (!isConstraintVersion(token.slice(operator.length).trimStart())) return false;
  }
  return true;
}

/** Masterminds' NewConstraint: `>=1.25.0-0`, `~1.2 || ^2`, `>= 1.2, < 2.0`, `1.2 - 1.4.5`. */
export function isHelmConstraint(text: string): boolean {
  if (text.trim() === '') return false;
  return text.split('||').every(isConstraintGroup);
}
