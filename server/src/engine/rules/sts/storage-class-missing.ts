// sts/storage-class-missing: a claim template names a StorageClass that is nowhere to be found.
import type { Rule } from '../../check/rule';
import { replaceString } from '../../edit/replace';
import { closest, editDistance } from '../../text';
import type { FixData, RuleFinding } from '../../types';
import { insertDocumentBefore, snippetValue } from '../../edit/insert-document';
import { isStatefulSet } from '../../k8s/statefulset';
import { relatedAt } from '../../model/locations';
import { isCompleteAt } from '../../model/completeness';
import { classRefsOf, knownStorageClasses, storageClassExists } from '../../k8s/storage-class';

/** At most this many "change to" fixes, closest first. */
const maxChangeFixes = 5;

export const stsStorageClassMissing: Rule = {
  id: 'sts/storage-class-missing',
  defaultSeverity: 'warning',
  description: 'A claim template names a StorageClass that is not in the workspace nor in the knownStorageClasses setting, so its claims stay Pending.',
  showInPreview: true,
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest: sts, lookups, settings } = ctx;
    if (!isStatefulSet(sts)) return [];
    const findings: RuleFinding[] = [];
    for (const ref of classRefsOf(sts)) {
      if (storageClassExists(ref.name, lookups.storageClass(ref.name).length > 0, settings)) continue;
      // A StorageClass whose name a chart template prints may be this one.
      if ([...lookups.storageClassesWithDefaults().values()].some((classes) => classes.some((sc) => !isCompleteAt(sc, ['metadata', 'name'])))) continue;
      const names = lookups.storageClassNames();
      const known = knownStorageClasses(names, settings);
      const near = closest(ref.name, names, 3);
      const related = near.map((name) => relatedAt(lookups.storageClass(name)[0], `Did you mean StorageClass ${JSON.stringify(name)}?`));
      const ordered = [...known].sort((a, b) => editDistance(ref.name, a) - editDistance(ref.name, b) || a.localeCompare(b)).slice(0, maxChangeFixes);
      const fixes: FixData[] = [];
      for (const name of ordered) {
        const edit = replaceString(sts, ref.path, name);
        if (edit) fixes.push({ title: `Change the StorageClass to ${JSON.stringify(name)}`, edits: [edit], preferred: near[0] === name });
      }
      fixes.push({
        title: `Create a StorageClass ${JSON.stringify(ref.name)} before this StatefulSet`,
        edits: [insertDocumentBefore(sts, {
          apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: ref.name }, provisioner: snippetValue,
        }, '${1:example.com/provisioner}')],
      });
      const hint = near.length ? ` Did you mean ${near.map((name) => JSON.stringify(name)).join(' or ')}?` : '';
      findings.push({
        ...ctx.valueSpan(ref.path),
        message: `${ref.claim}: ${ref.field} ${JSON.stringify(ref.name)} names no StorageClass in the workspace nor in the knownStorageClasses setting, so the claims stay Pending until that class exists.${hint} Use an existing class, create the StorageClass, add the name to knownStorageClasses (CLI: --storage-class) if the cluster has it, or remove the field to use the cluster's default class.`,
        related,
        fixes,
      });
    }
    return findings;
  },
};
