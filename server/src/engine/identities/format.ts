// Identities as text: the CLI's report, the CodeLens title and the hover of replicas, serviceName and
// claim template names. Pure functions of `StatefulSetIdentities`.
import type { SourceRef, StatefulSetIdentities } from '../../protocol/identities';

/** `3 pods: web-0 … web-2 · preview`, with the count of problems when there are some. */
export function lensTitle(set: StatefulSetIdentities): string {
  const serious = set.problems.filter((problem) => problem.severity === 'error' || problem.severity === 'warning').length;
  const problems = serious > 0 ? ` · ⚠ ${serious} problem${serious === 1 ? '' : 's'}` : '';
  let pods: string;
  if (!set.name || !set.firstPod || !set.lastPod) pods = set.name ? '0 pods' : 'no pod names (metadata.name is missing)';
  else if (set.replicas === 1) pods = `1 pod: ${set.firstPod}`;
  else if (set.replicas === 2) pods = `2 pods: ${set.firstPod}, ${set.lastPod}`;
  else pods = `${set.replicas} pods: ${set.firstPod} … ${set.lastPod}`;
  return `${pods}${problems} · preview`;
}

/** At most `max` names: longer lists keep their first names and the last one around an ellipsis. */
export function shortList(first: string[], total: number, last: string | undefined, max = 5): string[] {
  if (total <= max) return first.slice(0, total);
  return [...first.slice(0, max - 2), '…', ...(last ? [last] : [])];
}

const code = (text: string): string => `\`${text}\``;

/** Hover lines for the problems (rule findings) and notes whose code is in `codes`. */
function problemLines(set: StatefulSetIdentities, codes: string[]): string[] {
  return [
    ...set.problems.filter((problem) => codes.includes(problem.code))
      .map((problem) => `${problem.severity === 'error' || problem.severity === 'warning' ? '⚠' : 'ℹ'} ${problem.message} (\`${problem.code}\`)`),
    ...set.notes.filter((note) => codes.includes(note.code)).map((note) => `ℹ ${note.message}`),
  ];
}

const replicasCodes = ['no-name', 'replicas-assumed', 'no-pods', 'sts/name-too-long', 'sts/name-invalid'];
const serviceCodes = ['sts/service-name-empty', 'sts/service-name-invalid', 'sts/service-missing', 'sts/service-not-headless',
  'sts/service-selector-mismatch', 'service-no-selector', 'dns-name-too-long'];

/** Markdown for the hover of `spec.replicas`, `spec.serviceName` or a claim template's name. */
export function identityHoverMarkdown(set: StatefulSetIdentities, on: 'replicas' | 'serviceName' | { claim: string }): string {
  const lines: string[] = [];
  const last = set.lastPod;
  if (on === 'replicas') {
    const names = shortList(set.pods.map((pod) => pod.name), set.replicas, last);
    lines.push(`**${set.replicas} pod${set.replicas === 1 ? '' : 's'}**${set.replicasDefaulted ? ' (replicas defaults to 1)' : ''}: ${names.map((name) => name === '…' ? name : code(name)).join(', ') || 'none'}`);
    lines.push('', `Creation: ${set.orders.creation.summary}`, '', `Scale down: ${set.orders.scaleDown.summary}`, '', `Rolling update: ${set.orders.update.summary}`);
    lines.push(...problemLines(set, replicasCodes).flatMap((line) => ['', line]));
  } else if (on === 'serviceName') {
    if (set.serviceDomain) {
      lines.push(`**Service domain**: ${code(set.serviceDomain)}`);
      const names = shortList(set.pods.map((pod) => pod.fqdn ?? pod.name), set.replicas, last && `${last}.${set.serviceDomain}`, 4);
      if (names.length > 0) lines.push('', '**Pod DNS names**:', ...names.map((name) => name === '…' ? '- …' : `- ${code(name)}`));
      if (set.srv.length > 0) lines.push('', '**SRV**:', ...set.srv.map((record) => `- ${code(record.name)}${record.portNumber ? ` (port ${record.portNumber})` : ''}`));
    }
    lines.push(...problemLines(set, serviceCodes).flatMap((line) => ['', line]));
  } else {
    const pvcs = set.pods.map((pod) => pod.claims.find((claim) => claim.template === on.claim)?.pvc ?? '');
    const names = shortList(pvcs, set.replicas, last && `${on.claim}-${last}`);
    lines.push(`**PVCs** from claim template ${code(on.claim)}: ${names.map((name) => name === '…' ? name : code(name)).join(', ') || 'none (no pods)'}`);
    lines.push('', set.retention.onDelete, '', set.retention.onScaleDown);
  }
  return lines.join('\n');
}

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => column === row.length - 1 ? cell : cell.padEnd(widths[column])).join('  ').trimEnd());
}

/** The CLI's text report of one StatefulSet (as `build` makes it, when given); `where` prints a location (`file:line`). */
export function identitiesText(set: StatefulSetIdentities, where: (ref: SourceRef) => string, build?: string): string[] {
  const out: string[] = [];
  out.push(`StatefulSet ${set.name || '<no name>'}${build ? ` in ${build}` : ''}  ${where(set.location)}`);
  out.push(`  namespace   ${set.namespace}${set.namespaceDefaulted ? ' (no metadata.namespace: the default namespace)' : ''}`);
  if (set.service) {
    const state = !set.service.found ? 'not found in the workspace' : set.service.headless ? 'headless' : 'NOT headless';
    out.push(`  Service     ${set.service.name}: ${state}${set.service.location ? ` (${where(set.service.location)})` : ''}`);
    out.push(`  domain      ${set.serviceDomain}`);
  } else {
    out.push('  Service     none (spec.serviceName is not set): no DNS names');
  }
  const start = set.start ? `, ordinals from ${set.start}` : '';
  out.push(`  pods        ${set.replicas}${set.replicasDefaulted ? ' (replicas defaults to 1)' : ''}, ${set.podManagementPolicy}, ${set.updateStrategy}${start}`);
  if (set.pods.length > 0) {
    const rows = [['ordinal', 'pod = hostname', 'DNS name', 'PVCs']];
    for (const pod of set.pods) rows.push([String(pod.ordinal), pod.name, pod.fqdn ?? '-', pod.claims.map((claim) => claim.pvc).join(', ') || '-']);
    out.push(...pad(rows).map((row) => `    ${row}`));
    if (set.podsOmitted > 0) out.push(`    … ${set.podsOmitted} more, up to ${set.lastPod}`);
  }
  for (const record of set.srv) out.push(`  SRV         ${record.name}${record.portNumber ? ` (port ${record.portNumber})` : ''}`);
  out.push(`  creation    ${set.orders.creation.summary}`);
  out.push(`  scale down  ${set.orders.scaleDown.summary}`);
  out.push(`  deletion    ${set.orders.deletion.summary}`);
  out.push(`  update      ${set.orders.update.summary}`);
  out.push(`  PVCs        ${set.retention.onDelete}`);
  if (set.retention.onScaleDown !== set.retention.onDelete) out.push(`              ${set.retention.onScaleDown}`);
  for (const problem of set.problems) {
    out.push(`  ${problem.severity.padEnd(10)}  ${problem.message} [${problem.code}]${problem.location ? ` (${where(problem.location)})` : ''}`);
  }
  for (const note of set.notes) out.push(`  ${'note'.padEnd(10)}  ${note.message}${note.location ? ` (${where(note.location)})` : ''}`);
  return out;
}

/**
 * Short names of builds for CodeLens titles: the last segment of each label (`prod` for
 * `overlays/prod`), longer where two builds would share it (`a/prod`, `b/prod`).
 */
export function shortBuildLabels(labels: readonly string[]): Map<string, string> {
  const short = new Map<string, string>();
  const unique = [...new Set(labels)];
  for (const label of unique) {
    const parts = label.split('/');
    let name = label;
    for (let count = 1; count <= parts.length; count++) {
      const candidate = parts.slice(-count).join('/');
      if (!unique.some((other) => other !== label && (other === candidate || other.endsWith(`/${candidate}`)))) { name = candidate; break; }
    }
    short.set(label, name);
  }
  return short;
}

/** Builds listed at most in a hover; the preview shows them all. */
const maxHoverBuilds = 8;

/** `first` … `last` (or the names themselves when there are at most three), as code. */
function range(first: string | undefined, last: string | undefined, count: number, second?: string): string {
  if (!first || !last || count === 0) return 'none';
  if (count === 1) return code(first);
  if (count === 2 || (count === 3 && second)) return [first, ...(count === 3 && second ? [second] : []), last].map(code).join(', ');
  return `${code(first)} … ${code(last)}`;
}

/** One hover line per build: what the field gives in that build (`overlays/prod`: 3 pods `prod-db-0` … `prod-db-2`). */
export function buildsHoverMarkdown(sections: readonly { label: string; set: StatefulSetIdentities }[], on: 'replicas' | 'serviceName' | { claim: string }): string {
  const lines = sections.slice(0, maxHoverBuilds).map(({ label, set }) => {
    const serious = set.problems.filter((problem) => problem.severity === 'error' || problem.severity === 'warning').length;
    const warn = serious > 0 ? ` · ⚠ ${serious} problem${serious === 1 ? '' : 's'} (see the preview)` : '';
    const second = set.pods[1]?.name;
    let text: string;
    if (on === 'replicas') {
      text = `${set.replicas} pod${set.replicas === 1 ? '' : 's'} in namespace ${code(set.namespace)}: ${range(set.firstPod, set.lastPod, set.replicas, second)}`;
    } else if (on === 'serviceName') {
      text = !set.serviceDomain ? 'no serviceName: no DNS names'
        : `Service ${code(set.serviceName ?? '')}${set.service && !set.service.found ? ' (not found in this build)' : ''}: ${range(set.firstPod && `${set.firstPod}.${set.serviceDomain}`, set.lastPod && `${set.lastPod}.${set.serviceDomain}`, set.replicas, second && `${second}.${set.serviceDomain}`)}`;
    } else if (!set.claimTemplates.includes(on.claim)) {
      text = `no claim template ${code(on.claim)} in this build`;
    } else {
      text = `${range(set.firstPod && `${on.claim}-${set.firstPod}`, set.lastPod && `${on.claim}-${set.lastPod}`, set.replicas, second && `${on.claim}-${second}`)}`;
    }
    return `- **${label.replace(/[\\`*_[\]<>]/g, '\\$&')}**: ${text}${warn}`;
  });
  const more = sections.length > maxHoverBuilds ? [`- … and ${sections.length - maxHoverBuilds} more builds (the preview lists them all)`] : [];
  const what = on === 'replicas' ? 'Pods' : on === 'serviceName' ? 'Pod DNS names' : 'PVCs';
  return [`**${what} in each build** of this StatefulSet:`, '', ...lines, ...more].join('\n');
}
