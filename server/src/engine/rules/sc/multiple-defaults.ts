import { replaceString } from '../../edit/edit';
import { get, isObject, type Manifest } from '../../model/workspace-model';
import { parseTree } from '../../yaml';
import { valueSpan, type DataPath } from '../../yaml/nodes';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import { isTarget } from '../../model/workspace-index';
import type { RuleFinding, Span } from '../../types';

/** The annotation keys Kubernetes reads (storage/util IsDefaultAnnotation): the GA key and the beta key. */
export const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

interface DefaultClass {
  manifest: Manifest;
  path: DataPath;
  /** Worked out when a finding needs it (for a closed file it means parsing its trees again). */
  readonly span: Span;
}

/** The annotation that marks a StorageClass as the default (exactly "true"), when one does. */
function defaultMark(manifest: Manifest): DefaultClass | undefined {
  const annotations = get(manifest.value, 'metadata', 'annotations');
  if (!isObject(annotations)) return undefined;
  const key = defaultClassAnnotations.find((name) => annotations[name] === 'true');
  if (!key) return undefined;
  const path = ['metadata', 'annotations', key];
  let span: Span | undefined;
  return { manifest, path, get span() { return span ??= valueSpan(parseTree(manifest.document), path) ?? manifest.document.span; } };
}

/** The default classes among the StorageClasses, per list (the model makes a new list when its files change). */
const defaultsOfList = new WeakMap<readonly Manifest[], DefaultClass[]>();

function defaultClasses(storageClasses: readonly Manifest[]): DefaultClass[] {
  let defaults = defaultsOfList.get(storageClasses);
  if (!defaults) {
    defaults = storageClasses.filter((manifest) => manifest.apiVersion.startsWith('storage.k8s.io/')).map(defaultMark).filter((mark): mark is DefaultClass => !!mark);
    defaultsOfList.set(storageClasses, defaults);
  }
  return defaults;
}

/**
 * Several default StorageClasses: Kubernetes accepts it, but every claim without storageClassName then
 * gets the most recently created default, which depends on the order the classes were applied.
 * Variants of one class (the same name in several files, e.g. per cloud) count once.
 */
export const scMultipleDefaults: Rule = {
  id: 'sc/multiple-defaults',
  defaultSeverity: 'warning',
  description: 'More than one StorageClass in the workspace is marked as the default class.',
  scope: 'workspace',
  check(ctx) {
    const defaults = defaultClasses(ctx.model.ofKind('StorageClass'));
    const names = new Set(defaults.map(({ manifest }) => manifest.name));
    if (names.size < 2) return [];
    const findings: RuleFinding[] = [];
    for (const mark of defaults) {
      if (!isTarget(ctx, mark.manifest.uri)) continue;
      const others = defaults.filter((other) => other.manifest.name !== mark.manifest.name);
      const otherNames = [...new Set(others.map(({ manifest }) => quote(manifest.name)))];
      const edit = replaceString(mark.manifest, mark.path, 'false');
      findings.push({ uri: mark.manifest.uri, ...mark.span,
        message: `StorageClass ${quote(mark.manifest.name)} is marked as the default class, and so ${otherNames.length > 1 ? 'are' : 'is'} ${otherNames.join(', ')}: ` +
          'a claim without storageClassName then gets whichever default was created last. Keep one default; set the annotation to "false" on the others.',
        related: others.map((other) => ({ uri: other.manifest.uri, ...other.span, message: `StorageClass ${quote(other.manifest.name)} is also marked as the default` })),
        fixes: edit ? [{ title: `Make ${quote(mark.manifest.name)} not the default (set the annotation to "false")`, edits: [edit] }] : [] });
    }
    return findings;
  },
};
