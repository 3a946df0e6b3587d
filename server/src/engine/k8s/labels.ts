// Label key and value syntax with the API server's reasons (k8s.io/apimachinery/pkg/util/validation:
// IsQualifiedName, IsValidLabelValue), shortened to what a person needs to fix the value.
import { isDnsSubdomain } from './names';

const namePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const nameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Why a label key (a qualified name: `[prefix/]name`) is invalid; undefined when it is valid. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) {
    return `a qualified name ${nameRule}, with an optional DNS subdomain prefix and one '/' (e.g. 'example.com/MyName')`;
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return 'prefix part must be non-empty';
    if (prefix.length > 253) return 'prefix part must be no more than 253 characters';
    if (!isDnsSubdomain(prefix)) {
      return "prefix part must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')";
    }
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!namePart.test(name)) return `name part ${nameRule} (e.g. 'MyName', 'my.name' or '123-abc')`;
  return undefined;
}

/** Why a label value (also a selector value) is invalid; undefined when it is valid (empty is valid). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!labelValue.test(value)) {
    return `a valid label must be an empty string or ${nameRule.replace('must consist', 'consist')} (e.g. 'MyValue', 'my_value' or '12345')`;
  }
  return undefined;
}

/** Labels whose value is the chart's or the application's version (Helm's recommended labels, and Helm 2's `chart: <name>-<version>`). */
const releaseVersionLabelKeys: ReadonlySet<string> = new Set(['helm.sh/chart', 'app.kubernetes.io/version']);

/**
 * Whether a label changes with every chart or application release: `helm.sh/chart` (`kvdb-1.4.2`),
 * `app.kubernetes.io/version`, or `chart` holding a `<name>-<version>` value. On an object whose field is
 * immutable (a StatefulSet's claim templates) such a label makes the next upgrade fail.
 */
export function isReleaseVersionLabel(key: string, value: unknown): boolean {
  if (releaseVersionLabelKeys.has(key)) return true;
  return key === 'chart' && typeof value === 'string' && /-v?\d+\.\d+\.\d+/.test(value);
}

/** The words the API server uses when an update changes a StatefulSet's immutable spec fields. */
export const statefulSetSpecForbidden = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
