// Quick fixes shared by the sts/selector-* rules.
import { setKey } from '../edit/insert';
import { replaceValue } from '../edit/replace';
import { selectorPath, templateLabels } from '../k8s/statefulset';
import type { Labels } from '../k8s/selector';
import type { Manifest } from '../model/manifest';
import type { FixData } from '../types';

export function labelsText(labels: Labels): string {
  return Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ');
}

/** "Set spec.selector.matchLabels to the template labels": a new selector or a replaced one. */
export function selectorFromTemplateFix(manifest: Manifest, mode: 'add' | 'replace', immutableNote = false): FixData | undefined {
  const labels = templateLabels(manifest);
  if (Object.keys(labels).length === 0) return undefined;
  const value = { matchLabels: labels };
  const edit = mode === 'add' ? setKey(manifest, ['spec'], 'selector', value) : replaceValue(manifest, selectorPath, value);
  if (!edit) return undefined;
  const verb = mode === 'add' ? 'Add' : 'Set';
  const note = immutableNote ? ' (only for a new StatefulSet: the selector cannot be changed later)' : '';
  return { title: `${verb} spec.selector.matchLabels from the template labels (${labelsText(labels)})${note}`, edits: [edit] };
}
