// Kubernetes name, label and quantity syntax (k8s.io/apimachinery/pkg/util/validation).

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const quantity = /^[+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/** RFC 1123 label: at most 63 characters, lowercase alphanumerics and '-', alphanumeric at both ends. */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && dnsLabel.test(value);
}

/** RFC 1035 label (Service names): an RFC 1123 label that starts with a letter. */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && dns1035Label.test(value);
}

/** RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
export function isDnsSubdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every((part) => dnsLabel.test(part));
}

/** Why a value is not an RFC 1123 label, in the API server's words; undefined when it is one. */
export function dnsLabelProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (value.includes('.')) return 'must not contain dots';
  if (!dnsLabel.test(value)) {
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  }
  return undefined;
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && labelValue.test(value);
}

/** Label and annotation keys: an optional DNS-subdomain prefix and '/', then a name of at most 63. */
export function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (name.length === 0 || name.length > 63 || !qualifiedNamePart.test(name)) return false;
  return parts.length === 1 || isDnsSubdomain(parts[0]);
}

/** IANA service name (container port names): at most 15, [-a-z0-9], a letter, no '--', no '-' at the ends. */
export function portNameProblem(value: string): string | undefined {
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(value)) return 'must contain only lowercase alphanumeric characters (a-z, 0-9) and hyphens (-)';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** resource.Quantity syntax: a number and an optional SI suffix (2Gi, 500m, 1e3). */
export function isQuantity(value: string): boolean {
  return quantity.test(value);
}
