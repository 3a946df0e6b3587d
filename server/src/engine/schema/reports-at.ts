// Small helpers shared by the sts/*, pvc/* and labels/* rules.
import type { ManifestContext } from '../check/rule';
import type { DataPath } from '../yaml/nodes';
import { schemaProblems, type SchemaProblemClass } from './problems';

function samePath(a: DataPath, b: DataPath): boolean {
  return a.length === b.length && a.every((step, index) => String(step) === String(b[index]));
}

/**
 * Whether a schema/* rule already reports the value at `path` (for example schema/format on a name,
 * schema/type on a quoted number): then the semantic rule stays silent, one problem giving one diagnostic.
 */
export function schemaReportsAt(ctx: ManifestContext, path: DataPath, classes: SchemaProblemClass[] = ['type', 'format', 'enum']): boolean {
  return schemaProblems(ctx.manifest, ctx.schemas).some((problem) => classes.includes(problem.class) && samePath(problem.path, path));
}

/** `spec.template.spec.containers[0].name` style path for messages. */
export { fieldPath } from '../check/rule';
