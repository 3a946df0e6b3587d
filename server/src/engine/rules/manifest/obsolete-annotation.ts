// manifest/obsolete-annotation: annotations that once configured Kubernetes and that it no longer reads
// (pod affinity and init containers as JSON, tolerate-unready-endpoints, the alpha storage class), a
// field written as an annotation (publishNotReadyAddresses), and the beta storage class annotation,
// still read but deprecated. Each finding says since which release, and which one wins when the field is
// set too; the quick fix moves the value to the field when that is mechanical.
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject } from 'ajv';
import { fieldPath, type ManifestContext, type Rule } from '../../check/rule';
import { setKeys } from '../../edit/insert';
import { removePair } from '../../edit/remove';
import {
  affinityAnnotation, alphaStorageClassAnnotation, annotationSitesOf, betaStorageClassAnnotation, betaStorageClassWarning,
  initContainersAnnotations, parseAnnotationBool, publishNotReadyAnnotation, storedInPodTemplate, tolerateUnreadyAnnotation,
  tolerateUnreadyReading, type AnnotationSite, type AnnotationsAt,
} from '../../k8s/obsolete-annotations';
import { podSpecKinds } from '../../k8s/workload';
import { get, isObject } from '../../model/manifest';
import { schemaReportsAt } from '../../schema/reports-at';
import { quote } from '../../text';
import type { FixData, RuleFinding, Severity, TextEditData } from '../../types';
import { fromPointer, type DataPath } from '../../yaml/nodes';

/** One obsolete annotation found on an object. */
interface Subject {
  ctx: ManifestContext;
  site: AnnotationsAt;
  key: string;
  value: unknown;
}

interface Outcome {
  message: string;
  severity?: Severity;
  fixes: FixData[];
}

type Checker = (subject: Subject) => Outcome;

/** `spec.template.spec.affinity` for a field of the site's spec. */
function fieldOf(site: AnnotationsAt, field: string): string {
  return fieldPath([...site.specPath, field]);
}

/** Removes the annotation (with the `annotations` key when it is the only one). */
function removeAnnotation({ ctx, site, key }: Subject): TextEditData | undefined {
  const whole = Object.keys(site.annotations).length === 1 ? removePair(ctx.manifest, site.path) : undefined;
  return whole ?? removePair(ctx.manifest, [...site.path, key]);
}

/**
 * Whether a fix that changes nothing the cluster does may be applied unasked ("Fix all", on save): not in a
 * claim template (the API server refuses any change to it once the StatefulSet exists), nor in a workload's
 * pod template when the API server stores the annotation (the change would replace every running pod).
 */
function unaskedFixAllowed({ site, key }: Subject): boolean {
  return !site.inClaimTemplate && !(site.inPodTemplate && storedInPodTemplate(key));
}

/** The removal of the annotation; `safe` when removing it changes nothing the cluster does. */
function removeFix(subject: Subject, safe: boolean): FixData[] {
  const edit = removeAnnotation(subject);
  return edit ? [{ title: `Remove the annotation ${subject.key}`, edits: [edit], preferred: true, safe: safe && unaskedFixAllowed(subject) }] : [];
}

/** Removes the annotation and sets `field` in the site's spec to `value`, in one fix. */
function moveFix(subject: Subject, field: string, value: unknown, title: string, options: { preferred?: boolean; safe?: boolean } = {}): FixData | undefined {
  const remove = removeAnnotation(subject);
  const set = setKeys(subject.ctx.manifest, subject.site.specPath, { [field]: value });
  if (!remove || !set) return undefined;
  return { title, edits: [remove, ...set], preferred: options.preferred ?? true, safe: !!options.safe && unaskedFixAllowed(subject) };
}

/** What to do about a claim template, which cannot change once its StatefulSet exists. */
function claimTemplateNote(site: AnnotationsAt): string {
  return site.inClaimTemplate ? ' (Claim templates are immutable: an existing StatefulSet takes this change only when it is created again.)' : '';
}

function parseJson(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

function describeSchemaError(error: ErrorObject, path: DataPath): string {
  const where = fieldPath(path);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${where} has no field ${quote(String(params.additionalProperty))}`;
  if (error.keyword === 'required') return `${where} needs ${quote(String(params.missingProperty))}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Whether `value` fits `field` of the site's spec, by the built-in schema of the object's kind:
 * undefined when it fits, the first problem otherwise ('' when no schema can tell).
 */
function shapeProblem({ ctx, site }: Subject, field: string, value: unknown): string | undefined {
  const candidate = structuredClone(ctx.manifest.value);
  const spec = get(candidate, ...site.specPath);
  if (!isObject(spec)) return '';
  spec[field] = value;
  const errors = ctx.schemas.validate(ctx.manifest.apiVersion, ctx.manifest.kind, candidate);
  if (!errors) return '';
  const target = [...site.specPath, field];
  for (const error of errors) {
    const path = fromPointer(error.instancePath);
    if (target.every((step, index) => String(step) === String(path[index]))) return describeSchemaError(error, [field, ...path.slice(target.length)]);
  }
  return undefined;
}

function containerNames(list: unknown): string[] {
  return Array.isArray(list) ? list.map((item) => get(item, 'name')).filter((name): name is string => typeof name === 'string') : [];
}

/** A JSON value written as an annotation, for a pod spec field that replaced it. */
function movedJson(subject: Subject, field: string, what: (parsed: unknown) => string, fits: (parsed: unknown) => string | undefined): Outcome {
  const { site, key } = subject;
  const target = fieldOf(site, field);
  const parsed = parseJson(subject.value);
  const history = key === affinityAnnotation
    ? 'the scheduler reads only the pod spec\'s affinity (the annotation needed the alpha AffinityInAnnotations feature gate in '
      + 'Kubernetes 1.6 and 1.7, and 1.8 removed it, kubernetes#47869)'
    : 'Kubernetes 1.8 stopped reading it (kubernetes#51816) and the API server drops it from pods and pod templates';
  const current = site.spec?.[field];
  if (current !== undefined) {
    const same = parsed.ok && isDeepStrictEqual(parsed.value, current);
    return {
      severity: same ? 'info' : undefined,
      message: `The annotation ${key} is ignored: ${history}. ${target} is set${same ? ' to the same value' : ', differs from the annotation'} `
        + `and is the one that applies. Remove the annotation.`,
      fixes: removeFix(subject, true),
    };
  }
  const problem = !parsed.ok ? 'it is not JSON' : fits(parsed.value) ?? shapeProblem(subject, field, parsed.value);
  const advice = problem === undefined || problem === '' ? `Move the value to ${target}.`
    : `Its value does not fit ${target} (${problem}): write the field by hand.`;
  const fix = problem === undefined && parsed.ok ? moveFix(subject, field, parsed.value, `Move the value to ${target}`) : undefined;
  return {
    message: `The annotation ${key} is ignored: ${history}, so ${parsed.ok ? what(parsed.value) : 'it does nothing'}. ${advice}`,
    fixes: fix ? [fix] : [],
  };
}

const affinityParts = ['nodeAffinity', 'podAffinity', 'podAntiAffinity'];

const affinity: Checker = (subject) => movedJson(subject, 'affinity', (parsed) => {
  const parts = isObject(parsed) ? affinityParts.filter((part) => parsed[part] !== undefined) : [];
  const spreading = parts.includes('podAntiAffinity') ? ' (replicas may all land on one node)' : '';
  return `the pods are scheduled without its ${parts.length ? parts.join(' and ') : 'affinity'}${spreading}`;
}, (parsed) => (isObject(parsed) ? undefined : 'it is not a JSON object'));

const initContainers: Checker = (subject) => movedJson(subject, 'initContainers', (parsed) => {
  const names = containerNames(parsed);
  return names.length ? `the init container${names.length > 1 ? 's' : ''} ${names.map((name) => quote(name)).join(', ')} never run${names.length > 1 ? '' : 's'}` : 'its init containers never run';
}, (parsed) => {
  if (!Array.isArray(parsed) || !parsed.every(isObject)) return 'it is not a JSON list of containers';
  const names = containerNames(parsed);
  const taken = [...containerNames(subject.site.spec?.containers), ...names];
  const duplicate = names.find((name) => taken.indexOf(name) !== taken.lastIndexOf(name));
  return duplicate === undefined ? undefined : `two containers would be named ${quote(duplicate)}`;
});

/**
 * Why a boolean annotation that nothing reads (or that Kubernetes would read the same) changes nothing, for a
 * value that is not "true" beside a Service without spec.publishNotReadyAddresses: true.
 */
function noEffect(value: unknown, parsed: boolean | undefined, field: boolean): string {
  if (parsed === undefined) return `${quote(value)} is not a boolean`;
  if (parsed) return 'spec.publishNotReadyAddresses is already true';
  return field ? 'spec.publishNotReadyAddresses: true applies' : '"false" is the default';
}

/** What a Service without publishNotReadyAddresses does with pods that are not ready. */
const notPublished = 'not-ready pods are left out of its DNS records and endpoints';

/** Why publishing not-ready pods matters, in the words of the Service API docs. */
const unreadyPeers = 'pods that look each other up through this Service before they are ready (a StatefulSet\'s members starting up) cannot find each other';

const publishTrueTitle = 'Set spec.publishNotReadyAddresses: true and remove the annotation';

/** What tolerate-unready-endpoints does in each release, for messages. */
const tolerateUnreadyHistory = {
  read: 'deprecated since Kubernetes 1.11: the targeted release still reads it, but from 1.19 kube-proxy reads EndpointSlices, '
    + 'which never read it, and 1.24 removed it (kubernetes#108020)',
  'endpoints-only': 'deprecated since Kubernetes 1.11 and removed in 1.24 (kubernetes#108020); before that only the Endpoints controller reads it, '
    + 'not the EndpointSlices that kube-proxy reads by default since 1.19',
  ignored: 'ignored since Kubernetes 1.24 (kubernetes#108020 removed it from the Endpoints controller; EndpointSlices never read it)',
};

const tolerateUnready: Checker = (subject) => {
  const { ctx, site, key, value } = subject;
  const parsed = parseAnnotationBool(value);
  const field = site.spec?.publishNotReadyAddresses === true;
  const reading = tolerateUnreadyReading(ctx.settings.kubernetesVersion);
  const history = tolerateUnreadyHistory[reading];
  if (parsed === true && !field) {
    const fix = moveFix(subject, 'publishNotReadyAddresses', true, publishTrueTitle, { safe: reading === 'read' });
    if (reading === 'read') {
      return { severity: 'info', message: `The annotation ${key} is ${history}. Set spec.publishNotReadyAddresses: true instead.`, fixes: fix ? [fix] : [] };
    }
    const effect = reading === 'endpoints-only' ? 'EndpointSlices do not publish not-ready pods' : notPublished;
    return { message: `The annotation ${key} is ${history}, so ${effect}: ${unreadyPeers}. Set spec.publishNotReadyAddresses: true instead.`,
      fixes: fix ? [fix] : [] };
  }
  if (reading !== 'ignored' && parsed === false && field) {
    const effect = reading === 'read' ? notPublished : 'Endpoints leave out the not-ready pods that EndpointSlices list';
    return { message: `The annotation ${key} is ${history}. The Endpoints controller lets its "false" win over spec.publishNotReadyAddresses: true, `
      + `so ${effect}. Remove the annotation.`, fixes: removeFix(subject, false) };
  }
  return { severity: 'info', message: `The annotation ${key} is ${history}; here it changes nothing (${noEffect(value, parsed, field)}). Remove it.`,
    fixes: removeFix(subject, true) };
};

const publishNotReady: Checker = (subject) => {
  const { site, value } = subject;
  const parsed = parseAnnotationBool(value);
  const field = site.spec?.publishNotReadyAddresses === true;
  const lead = 'publishNotReadyAddresses is a field of the Service spec, not an annotation: Kubernetes ignores metadata.annotations.publishNotReadyAddresses';
  if (parsed === true && !field) {
    const fix = moveFix(subject, 'publishNotReadyAddresses', true, publishTrueTitle);
    return { message: `${lead}, so ${notPublished}: ${unreadyPeers}. `
      + 'Set spec.publishNotReadyAddresses: true instead.', fixes: fix ? [fix] : [] };
  }
  return { severity: 'info', message: `${lead}; here it changes nothing (${noEffect(value, parsed, field)}). Remove it.`, fixes: removeFix(subject, true) };
};

/** The class that decides for a claim besides the alpha annotation: the beta annotation, then storageClassName. */
function decidingClass(site: AnnotationsAt): string | undefined {
  const beta = site.annotations[betaStorageClassAnnotation];
  if (typeof beta === 'string') return `the annotation ${betaStorageClassAnnotation}: ${quote(beta)}`;
  const name = site.spec?.storageClassName;
  return typeof name === 'string' ? `${fieldOf(site, 'storageClassName')}: ${quote(name)}` : undefined;
}

const alphaStorageClass: Checker = (subject) => {
  const { site, key, value } = subject;
  const history = `The annotation ${key} has had no meaning since Kubernetes 1.6 removed alpha dynamic provisioning (kubernetes#40000), `
    + `and its value ${quote(value)} never chose a StorageClass`;
  const decider = decidingClass(site);
  const outcome = decider
    ? `${history}; ${decider} decides the class of ${site.owner}. Remove the annotation.`
    : `${history}: ${site.owner} gets the cluster's default StorageClass, the replacement for alpha provisioning (without a default class, `
      + `it binds only to a PersistentVolume without a class). Remove the annotation; set ${fieldOf(site, 'storageClassName')} to choose a class.`;
  return { severity: 'info', message: `${outcome}${claimTemplateNote(site)}`, fixes: removeFix(subject, true) };
};

/** Why the beta storage class annotation is reported: deprecated, with the API server's warning where it gives one. */
function betaDeprecation({ site, key }: Subject): string {
  const warning = `the API server warns "${betaStorageClassWarning}"`;
  return `The annotation ${key} is deprecated since Kubernetes 1.8 (${site.inClaimTemplate ? `on each claim made from this template, ${warning}` : warning})`;
}

const betaStorageClass: Checker = (subject) => {
  const { site, value } = subject;
  const field = fieldOf(site, 'storageClassName');
  const current = site.spec?.storageClassName;
  const note = claimTemplateNote(site);
  const lead = betaDeprecation(subject);
  const frozen = site.inClaimTemplate ? '' : ' An existing claim keeps both: the API server refuses to change either once both are set.';
  if (typeof value !== 'string') return { severity: 'info', message: `${lead}. Use ${field} instead.${note}`, fixes: [] };
  if (current === undefined) {
    // The API server lets an existing claim move the annotation's class to an unset storageClassName (ValidatePersistentVolumeClaimUpdate).
    const fix = moveFix(subject, 'storageClassName', value, `Move ${quote(value)} to ${field}`, { safe: true });
    return { severity: 'info', message: `${lead}, though Kubernetes still reads it. Move ${quote(value)} to ${field}.${note}`, fixes: fix ? [fix] : [] };
  }
  if (current === value) {
    return { severity: 'info', message: `${lead}; ${field} already says ${quote(value)}. Remove the annotation.${frozen}${note}`, fixes: removeFix(subject, false) };
  }
  const keep = moveFix(subject, 'storageClassName', value, `Set ${field} to ${quote(value)} (the class in use) and remove the annotation`, { preferred: false });
  const remove = removeAnnotation(subject);
  const fixes = [...(keep ? [keep] : []), ...(remove ? [{ title: `Remove the annotation (use ${quote(current)})`, edits: [remove] }] : [])];
  return {
    severity: 'info',
    message: `${lead}, but Kubernetes still reads it, before ${field}: ${site.owner} uses StorageClass ${quote(value)}, not ${quote(current)}. `
      + `Keep one of them.${frozen}${note}`,
    fixes,
  };
};

/** The obsolete annotations by the place where they had a meaning (maps: an annotation may be named `constructor`). */
const checkers: Record<AnnotationSite, ReadonlyMap<string, Checker>> = {
  pod: new Map([[affinityAnnotation, affinity], ...initContainersAnnotations.map((key): [string, Checker] => [key, initContainers])]),
  service: new Map([[tolerateUnreadyAnnotation, tolerateUnready], [publishNotReadyAnnotation, publishNotReady]]),
  claim: new Map([[alphaStorageClassAnnotation, alphaStorageClass], [betaStorageClassAnnotation, betaStorageClass]]),
};

export const manifestObsoleteAnnotation: Rule = {
  id: 'manifest/obsolete-annotation',
  defaultSeverity: 'warning',
  description: 'An annotation Kubernetes no longer reads, or a field written as an annotation: what it asks for does not happen. '
    + 'The deprecated volume.beta.kubernetes.io/storage-class is reported as info.',
  tags: ['deprecated'],
  scope: 'manifest',
  kinds: [...new Set([...podSpecKinds, 'Service', 'PersistentVolumeClaim'])],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const site of annotationSitesOf(ctx.manifest)) {
      for (const key of Object.keys(site.annotations)) {
        const checker = checkers[site.site].get(key);
        const path = [...site.path, key];
        // A value that is not a string is rejected by the API server: schema/type reports it.
        if (!checker || schemaReportsAt(ctx, path, ['type'])) continue;
        const outcome = checker({ ctx, site, key, value: site.annotations[key] });
        findings.push({ ...ctx.keySpan(path), message: outcome.message, fixes: outcome.fixes, ...(outcome.severity ? { severity: outcome.severity } : {}) });
      }
    }
    return findings;
  },
};
