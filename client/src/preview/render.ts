// The preview's content as HTML, from the server's `statefulset/identities` answer: per StatefulSet a
// table of pods (name = hostname, DNS name, PVCs, rolling-update fate), the Service and its SRV names,
// the order picture, the PVC retention effects and the problems. Pure functions, no vscode import.
import type { BuildIdentities, IdentitiesResult, IdentityNote, IdentityProblem, StatefulSetIdentities } from '../../../server/src/protocol';
import { copyButton, escapeHtml, jumpButton, revealButton } from './html';
import { orderPicture } from './picture';

/**
 * What the preview shows: the server's answer, or why there is none. `build` (a build's uri) is the
 * build whose section to bring into view (the CodeLens of that overlay was clicked).
 */
export type PreviewState =
  | { kind: 'result'; result: IdentitiesResult; fileName: string; build?: string }
  | { kind: 'error'; message: string; fileName: string }
  | { kind: 'loading'; fileName: string };

const severityLabel: Record<IdentityProblem['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note', hint: 'Hint' };

/** The rules' findings (with their rule id), then the preview's own notes. */
function problems(list: IdentityProblem[], notes: IdentityNote[]): string {
  if (list.length === 0 && notes.length === 0) return '';
  const items = list.map((problem) => {
    const where = problem.location ? ` ${revealButton(problem.location.uri, problem.location.start, 'show')}` : '';
    const other = problem.related ? ` ${revealButton(problem.related.uri, problem.related.start, 'show the other object')}` : '';
    return `<li class="problem ${problem.severity}"><span class="severity">${severityLabel[problem.severity]}</span> ${escapeHtml(problem.message)}`
      + ` <code class="rule">${escapeHtml(problem.code)}</code>${where}${other}</li>`;
  });
  for (const note of notes) {
    const where = note.location ? ` ${revealButton(note.location.uri, note.location.start, 'show')}` : '';
    items.push(`<li class="problem info"><span class="severity">Note</span> ${escapeHtml(note.message)}${where}</li>`);
  }
  return `<ul class="problems">${items.join('')}</ul>`;
}

function serviceFacts(set: StatefulSetIdentities): string {
  const service = set.service;
  if (!service || !set.serviceDomain) {
    return '<dt>Service</dt><dd>none: <code>spec.serviceName</code> is not set, so the pods have no DNS names</dd>';
  }
  let state: string;
  if (!service.found) state = '<span class="state bad">not found in the workspace</span>';
  else if (!service.headless) state = `<span class="state bad">not headless</span> (${escapeHtml(service.notHeadlessBecause ?? '')})`;
  else state = '<span class="state good">headless</span>';
  const link = service.location ? ` ${revealButton(service.location.uri, service.location.start, 'show')}` : '';
  const notReady = service.found && service.headless
    ? `<dd class="hint">${service.publishNotReadyAddresses ? 'publishNotReadyAddresses: DNS records exist as soon as a pod exists.' : 'DNS records exist only for pods that are Ready.'}</dd>`
    : '';
  return `<dt>Service</dt><dd>${copyButton(service.name)} in namespace ${escapeHtml(set.namespace)}: ${state}${link}</dd>${notReady}`
    + `<dt>Service domain</dt><dd>${copyButton(set.serviceDomain)}</dd>`;
}

function podTable(set: StatefulSetIdentities): string {
  if (set.pods.length === 0) return '';
  const rolling = set.updateStrategy === 'RollingUpdate';
  const rows = set.pods.map((pod) => {
    const fate = !rolling ? 'by hand (OnDelete)' : pod.updatedByRollingUpdate ? 'updated' : `kept (partition ${set.orders.update.partition})`;
    const claims = pod.claims.map((claim) => copyButton(claim.pvc)).join(' ') || '<span class="none">none</span>';
    return `<tr class="${pod.updatedByRollingUpdate ? 'updated' : 'kept'}"><td class="num">${pod.ordinal}</td><td>${copyButton(pod.name)}</td>`
      + `<td>${pod.fqdn ? copyButton(pod.fqdn) : '<span class="none">no DNS name</span>'}</td><td>${claims}</td><td>${fate}</td></tr>`;
  });
  const more = set.podsOmitted > 0 ? `<p class="hint">… and ${set.podsOmitted} more pods, up to ${copyButton(set.lastPod ?? '')}.</p>` : '';
  return '<div class="scroll"><table><thead><tr><th class="num">Ordinal</th><th>Pod name = hostname</th><th>DNS name</th><th>PVCs</th><th>Rolling update</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table></div>${more}`;
}

function srvList(set: StatefulSetIdentities): string {
  if (!set.service?.found) return '';
  if (set.srv.length === 0) return '<h3>SRV records</h3><p class="hint">None: the Service has no named ports.</p>';
  const items = set.srv.map((record) => `<li>${copyButton(record.name)}${record.portNumber ? ` → port ${record.portNumber}, one record per pod` : ''}</li>`);
  return `<h3>SRV records</h3><ul class="plain">${items.join('')}</ul>`;
}

function orders(set: StatefulSetIdentities): string {
  const o = set.orders;
  return `<h3>Order</h3>${orderPicture(set)}<dl class="facts">`
    + `<dt>Creation</dt><dd>${escapeHtml(o.creation.summary)}</dd>`
    + `<dt>Scale down</dt><dd>${escapeHtml(o.scaleDown.summary)}</dd>`
    + `<dt>Rolling update</dt><dd>${escapeHtml(o.update.summary)}</dd>`
    + `<dt>Deletion</dt><dd>${escapeHtml(o.deletion.summary)}</dd></dl>`;
}

function retention(set: StatefulSetIdentities): string {
  const r = set.retention;
  const body = set.claimTemplates.length === 0
    ? `<p>${escapeHtml(r.onDelete)}</p>`
    : `<dl class="facts"><dt>On delete</dt><dd>${escapeHtml(r.onDelete)}</dd><dt>On scale down</dt><dd>${escapeHtml(r.onScaleDown)}</dd></dl>`;
  return `<h3>PersistentVolumeClaims${r.defaulted ? ' (retention policy not set: Retain)' : ''}</h3>${body}`;
}

const toolNames: Record<BuildIdentities['tool'], string> = { kustomize: 'Kustomize overlay', helm: 'Helm chart' };

/** The line naming the build a section belongs to, with a button to its kustomization (or Chart.yaml). */
function buildLine(build: BuildIdentities): string {
  const file = build.uri.slice(build.uri.lastIndexOf('/') + 1);
  return `<p class="build">${toolNames[build.tool]} <strong>${escapeHtml(build.label)}</strong> · ${revealButton(build.uri, 0, decodeName(file))}</p>`;
}

function decodeName(segment: string): string {
  try { return decodeURIComponent(segment); } catch { return segment; }
}

function setSection(set: StatefulSetIdentities, id: string, active: boolean, build?: BuildIdentities): string {
  const title = `StatefulSet ${set.name || '(no name)'}${build ? ` in ${build.label}` : ''}`;
  const policy = [set.podManagementPolicy, set.updateStrategy, set.start ? `ordinals from ${set.start}` : ''].filter(Boolean).join(', ');
  const replicas = `${set.replicas}${set.replicasDefaulted ? ' (replicas not set: 1)' : ''}`;
  return `<section class="set${build ? ' of-build' : ''}${active ? ' active' : ''}" id="${id}">`
    + `<h2>${revealButton(set.location.uri, set.location.start, title)}</h2>`
    + (build ? buildLine(build) : '')
    + problems(set.problems, set.notes)
    + `<dl class="facts"><dt>Namespace</dt><dd>${escapeHtml(set.namespace)}${set.namespaceDefaulted ? ' <span class="hint">(no metadata.namespace: the defaultNamespace setting)</span>' : ''}</dd>`
    + `${serviceFacts(set)}<dt>Pods</dt><dd>${replicas} · ${escapeHtml(policy)}</dd></dl>`
    + podTable(set) + srvList(set) + orders(set) + retention(set)
    + '</section>';
}

/** With several builds: one row per StatefulSet of each build (its namespace, first and last pod), each jumping to its section. */
function buildSummary(builds: BuildIdentities[]): string {
  if (builds.length < 2) return '';
  const rows = builds.flatMap((build, index) => {
    const label = jumpButton(build.statefulSets.length ? `build-${index}-set-0` : `build-${index}`, build.label);
    if (build.statefulSets.length === 0) return [`<tr><td>${label}</td><td colspan="4" class="none">${escapeHtml(build.note ?? 'no StatefulSet')}</td></tr>`];
    return build.statefulSets.map((set, setIndex) => {
      const pods = !set.firstPod ? '0' : set.replicas === 1 ? escapeHtml(set.firstPod) : `${escapeHtml(set.firstPod)} … ${escapeHtml(set.lastPod ?? '')}`;
      const serious = set.problems.filter((problem) => problem.severity === 'error' || problem.severity === 'warning').length;
      const first = setIndex === 0 ? label : jumpButton(`build-${index}-set-${setIndex}`, build.label);
      return `<tr><td>${first}</td><td>${escapeHtml(set.name || '(no name)')}</td><td>${escapeHtml(set.namespace)}</td><td>${set.replicas}: ${pods}</td>`
        + `<td>${serious > 0 ? `<span class="state bad">${serious} problem${serious === 1 ? '' : 's'}</span>` : ''}</td></tr>`;
    });
  });
  return '<h2>Builds that use this file</h2><div class="scroll"><table class="builds"><thead><tr><th>Build</th><th>StatefulSet</th><th>Namespace</th><th>Pods</th><th></th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table></div>`;
}

/** A build's sections: one per StatefulSet it makes of the file, or one saying why it shows none. */
function buildSections(build: BuildIdentities, index: number, focus: string | undefined): string {
  if (build.statefulSets.length === 0) {
    const active = focus === build.uri;
    return `<section class="set of-build${active ? ' active' : ''}" id="build-${index}"><h2>${escapeHtml(build.label)}</h2>${buildLine(build)}`
      + `<p class="problem info">${escapeHtml(build.note ?? 'This build makes no StatefulSet of this file.')}</p></section>`;
  }
  return build.statefulSets.map((set, setIndex) => {
    const active = setIndex === build.activeIndex && (focus === undefined || focus === build.uri);
    return setSection(set, `build-${index}-set-${setIndex}`, active, build);
  }).join('');
}

function emptyState(fileName: string, note: string | undefined): string {
  return `<div class="empty"><h2>No StatefulSet in ${escapeHtml(fileName)}</h2>`
    + (note ? `<p>${escapeHtml(note)}</p>` : '')
    + '<p>This preview lists the pod names, hostnames, DNS names and PVC names of each StatefulSet (<code>kind: StatefulSet</code>, <code>apiVersion: apps/v1</code>) in the document, and the order in which its pods are created, removed and updated.</p>'
    + '<p>Type <code>statefulset-stack</code> in a YAML file to insert a headless Service, a StatefulSet and a StorageClass.</p></div>';
}

/** The HTML inside the page's root element for a state of the preview. */
export function renderBody(state: PreviewState): string {
  if (state.kind === 'loading') return `<p class="hint">Reading ${escapeHtml(state.fileName)}…</p>`;
  if (state.kind === 'error') {
    return `<div class="empty"><h2>No preview for ${escapeHtml(state.fileName)}</h2><p>${escapeHtml(state.message)}</p></div>`;
  }
  const { result, fileName } = state;
  const builds = result.builds ?? [];
  const count = builds.length > 0 ? ` · ${builds.length === 1 ? 'one build uses' : `${builds.length} builds use`} this file` : '';
  const header = `<header><h1>Pod identities: ${escapeHtml(fileName)}</h1>`
    + `<p class="hint">Cluster domain ${escapeHtml(result.clusterDomain)} · default namespace ${escapeHtml(result.defaultNamespace)} · Kubernetes ${escapeHtml(result.kubernetesVersion)}${count} · click a name to copy it</p></header>`;
  if (result.statefulSets.length === 0 && builds.length === 0) return header + emptyState(fileName, result.note);
  const note = result.note ? `<p class="problem warning">${escapeHtml(result.note)}</p>` : '';
  // The focused build's section scrolls into view, not the file's own one.
  const focus = state.build !== undefined && builds.some((build) => build.uri === state.build) ? state.build : undefined;
  const sections = result.statefulSets.map((set, index) => setSection(set, `set-${index}`, focus === undefined && index === result.activeIndex));
  return header + note + buildSummary(builds) + sections.join('') + builds.map((build, index) => buildSections(build, index, focus)).join('');
}
