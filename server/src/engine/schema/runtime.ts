// What the Kubernetes schemas' custom keywords and formats check, as plain functions. Both the
// validators Ajv compiles at run time (schema-compile.ts) and the standalone validators generated
// at build time (schemas/validators.mjs bundles this file into dist/schemas/validators.js) call
// these, so the two cannot drift. Keep this module free of imports other than names.ts: it is
// bundled into the generated validators.
import { isDnsLabel, isDnsSubdomain, isQuantity } from '../k8s/names';

/** `k8sQuantity: true`: a resource.Quantity, which the API accepts as a number or a quantity string. */
export function isK8sQuantity(data: unknown): boolean {
  return typeof data === 'number' || (typeof data === 'string' && isQuantity(data));
}

/** `k8sIntOrString: true`: an intstr.IntOrString. */
export function isK8sIntOrString(data: unknown): boolean {
  return (typeof data === 'number' && Number.isInteger(data)) || typeof data === 'string';
}

/** The string formats the schemas use, in Ajv's format-definition shape. */
export const k8sFormats = {
  'dns-label': { type: 'string', validate: isDnsLabel },
  'dns-subdomain-or-empty': { type: 'string', validate: (value: string): boolean => value === '' || isDnsSubdomain(value) },
} as const;
