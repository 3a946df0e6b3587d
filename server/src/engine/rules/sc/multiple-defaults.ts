import { replaceString } from '../../edit/replace';
import type { Rule } from '../../check/rule';
import { defaultClassAnnotation } from '../../k8s/storage-class';
import { isBuiltin } from '../../k8s/kinds';
import { quote } from '../../text';
import type { Manifest } from '../../model/manifest';

/** The StorageClasses marked as the default, with the annotation that marks each. */
function defaultClasses(classes: ReadonlyMap<string, readonly Manifest[]>): { manifest: Manifest; key: string }[] {
  const defaults: { manifest: Manifest; key: string }[] = [];
  for (const list of classes.values()) {
    for (const manifest of list) {
      const key = defaultClassAnnotation(manifest);
      if (key) defaults.push({ manifest, key });
    }
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
  kinds: ['StorageClass'],
  check(ctx) {
    const { manifest } = ctx;
    const key = isBuiltin(manifest, 'StorageClass') ? defaultClassAnnotation(manifest) : undefined;
    if (!key || !manifest.name) return [];
    const others = defaultClasses(ctx.lookups.storageClassesWithDefaults()).filter((other) => other.manifest.name !== manifest.name);
    if (others.length === 0) return [];
    const path = ['metadata', 'annotations', key];
    const otherNames = [...new Set(others.map((other) => quote(other.manifest.name)))];
    const edit = replaceString(manifest, path, 'false');
    return [{ ...ctx.valueSpan(path),
      message: `StorageClass ${quote(manifest.name)} is marked as the default class, and so ${otherNames.length > 1 ? 'are' : 'is'} ${otherNames.join(', ')}: ` +
        'a claim without storageClassName then gets whichever default was created last. Keep one default; set the annotation to "false" on the others.',
      related: others.map((other) => ({ uri: other.manifest.uri, ...other.manifest.valueSpan(['metadata', 'annotations', other.key]),
        message: `StorageClass ${quote(other.manifest.name)} is also marked as the default` })),
      fixes: edit ? [{ title: `Make ${quote(manifest.name)} not the default (set the annotation to "false")`, edits: [edit] }] : [] }];
  },
};
