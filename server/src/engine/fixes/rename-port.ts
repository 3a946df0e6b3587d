// Renaming a container port: its declaration and every probe or hook of the same container that
// selects it by name (kubelet resolves a named probe port in the probing container only).
import type { Manifest } from '../model/manifest';
import { replaceString } from '../edit/replace';
import { handlerPortsOf, portsOf, type ContainerAt } from '../k8s/workload';
import type { TextEditData } from '../types';

/** Edits renaming port `from` to `to` in one container; undefined when one of them cannot be made. */
export function renamePortEdits(manifest: Manifest, container: ContainerAt, from: string, to: string): TextEditData[] | undefined {
  const edits: (TextEditData | undefined)[] = [];
  for (const { port, path } of portsOf(container)) {
    if (port.name === from) edits.push(replaceString(manifest, [...path, 'name'], to));
  }
  for (const { value, path } of handlerPortsOf(container)) {
    if (value === from) edits.push(replaceString(manifest, path, to));
  }
  if (edits.length === 0 || edits.some((edit) => !edit)) return undefined;
  return edits as TextEditData[];
}
