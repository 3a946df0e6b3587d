// The JSON Schema of the configuration file `.statefulset-lint.yaml`: the one description of its keys.
// validate.ts checks files against it, the language server's completion and hover read it, and the
// build writes it to dist/schemas/statefulset-lint.schema.json, shipped for other editors
// (`# yaml-language-server: $schema=...`). A later option is one more entry in `properties`.
import { allRules } from '../rules';

export interface ConfigSchema {
  type?: 'object' | 'string' | 'array' | 'integer' | 'boolean';
  title?: string;
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, ConfigSchema>;
  additionalProperties?: boolean | ConfigSchema;
  propertyNames?: { enum: string[] };
  items?: ConfigSchema;
  enum?: string[];
  /** For other editors; this tool checks `format` with the Kubernetes name functions instead. */
  pattern?: string;
  format?: 'dns-label' | 'dns-subdomain';
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  uniqueItems?: boolean;
  default?: unknown;
  /** What a wrong value must look like, for messages ("a Kubernetes release such as \"1.31\""). */
  expected?: string;
  /** A key this file may not set, with why (`helm.path`: a repository must not choose a program to run). */
  refused?: string;
}

export const configRuleId = 'config/invalid';
export const configFileNames = ['.statefulset-lint.yaml', '.statefulset-lint.yml'];
export const severityValues = ['error', 'warning', 'info', 'hint', 'off'];
/** Bounds of maxFileSize, the same as the editor setting's. */
export const maxFileSizeBounds = { minimum: 1024, maximum: 64 * 1024 * 1024 };

/** A git ref name (git check-ref-format, simplified) or `off`: k8s-free, checked again where a ref is read. */
export const compareWithPattern = '^(off|[A-Za-z0-9][A-Za-z0-9._/-]*)$';

const dnsLabelPattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const dnsSubdomainPattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

export const configSchema: ConfigSchema & { $schema: string; $id: string } = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'statefulset-lint.schema.json',
  title: 'statefulset-lint configuration (.statefulset-lint.yaml)',
  description: 'Settings shared by statefulset-lint and the StatefulSet Tools language server, for the files in this folder and below it (up to the repository root).',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema of this file, for editors that read it.' },
    kubernetesVersion: {
      type: 'string',
      pattern: '^1\\.[0-9]+$',
      expected: 'a Kubernetes release as major.minor in quotes, such as "1.31"',
      description: 'Kubernetes release (major.minor) the manifests target. Version-dependent rules follow it, e.g. serviceName must be a DNS label from 1.33. Quote it: 1.30 without quotes is the number 1.3.',
    },
    defaultNamespace: {
      type: 'string', format: 'dns-label', pattern: dnsLabelPattern, maxLength: 63,
      expected: 'a namespace name (a lowercase RFC 1123 label such as "prod")',
      description: 'Namespace of objects that have no metadata.namespace (what `kubectl apply` would use).',
    },
    clusterDomain: {
      type: 'string', format: 'dns-subdomain', pattern: dnsSubdomainPattern, maxLength: 253,
      expected: 'a DNS domain such as "cluster.local"',
      description: "The cluster's DNS domain, used in pod DNS names: <pod>.<service>.<namespace>.svc.<clusterDomain>.",
    },
    knownStorageClasses: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string', format: 'dns-subdomain', pattern: dnsSubdomainPattern, maxLength: 253,
        expected: 'a StorageClass name (a lowercase RFC 1123 subdomain such as "gp3")',
      },
      description: "StorageClasses that exist in the cluster but not in the repository (for example a cloud's default class), so claims that name them are not reported.",
    },
    rules: {
      type: 'object',
      propertyNames: { enum: allRules.map((rule) => rule.id) },
      additionalProperties: { type: 'string', enum: severityValues, expected: 'error, warning, info, hint or off' },
      description: 'Severity per rule id (error, warning, info, hint), or off. Rule ids: `statefulset-lint --list-rules`.',
    },
    ignore: {
      type: 'array',
      items: { type: 'string', expected: 'a glob such as "charts/**" or "**/*.generated.yaml"' },
      description: 'Files not checked: globs relative to the folder of this file (`**` any folders, `*` and `?` within a name, `{a,b}`). A folder that matches leaves out everything in it.',
    },
    compareWith: {
      type: 'string', pattern: compareWithPattern, maxLength: 255,
      expected: 'a git ref such as "HEAD" or "origin/main", or "off"',
      description: 'The git ref each StatefulSet is compared with, to find updates the API server will refuse (sts/immutable-field-changed) and renamed StatefulSets (sts/renamed): HEAD (the default), a branch, a tag, a remote branch such as origin/main, or off. Git is never run: the committed files are read from the repository\'s object database.',
    },
    helm: {
      type: 'object',
      additionalProperties: false,
      description: 'How Helm charts are rendered when a helm binary is available (the CLI finds it on PATH or takes --helm; the editor: statefulset.helm.path, in trusted workspaces only).',
      properties: {
        valuesFiles: {
          type: 'object',
          additionalProperties: { type: 'array', items: { type: 'string', expected: 'a values file path relative to this file' }, expected: 'a list of values files' },
          description: "Values files each chart is rendered with, by chart folder glob relative to this file: `charts/kvdb: [charts/kvdb/values-prod.yaml]`. The chart's values.yaml is always read first; later files win.",
        },
        path: {
          refused: 'helm.path: a repository file cannot choose the helm binary (it would run a program the repository names). Set it on the machine: statefulset.helm.path in the user settings, or --helm on the command line.',
          description: 'Not read here: the helm binary is chosen on the machine (statefulset.helm.path, --helm).',
        },
      },
    },
    maxFileSize: {
      type: 'integer', ...maxFileSizeBounds,
      expected: `a number of bytes from ${maxFileSizeBounds.minimum} to ${maxFileSizeBounds.maximum}`,
      description: 'Files larger than this many bytes are not checked (each gets a note saying so); standard input larger than this is refused.',
    },
  },
};
