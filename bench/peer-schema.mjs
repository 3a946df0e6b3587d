// The schema the peer (yaml-language-server) validates the benchmark files with: OUR generated
// schemas (dist/schemas/kubernetes.json), cut down to a standalone JSON Schema (2020-12) per kind and
// dispatched on apiVersion/kind, with our custom keywords written as plain JSON Schema:
//   k8sQuantity: true        → number, or a string matching the resource.Quantity syntax
//   k8sIntOrString: true     → integer or string
//   format: dns-label        → pattern + maxLength 63
//   format: dns-subdomain-or-empty → pattern + maxLength 253
// So both servers check the same rules, and the peer needs no network.
import { readFileSync, writeFileSync } from 'node:fs';

export const benchKinds = ['apps/v1/StatefulSet', 'v1/Service', 'v1/ConfigMap', 'storage.k8s.io/v1/StorageClass'];

const quantityPattern = '^[+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const dnsLabelPattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const subdomainOrEmptyPattern = '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/** A copy of a schema node with the custom keywords replaced by standard ones. */
function plain(node) {
  if (Array.isArray(node)) return node.map(plain);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'k8sQuantity' || key === 'k8sIntOrString') continue;
    if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, plain(child)]));
    } else {
      out[key] = plain(value);
    }
  }
  if (node.k8sQuantity) {
    delete out.type;
    out.anyOf = [{ type: 'number' }, { type: 'string', pattern: quantityPattern }];
  }
  if (node.k8sIntOrString) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.format === 'dns-label') {
    delete out.format;
    Object.assign(out, { pattern: dnsLabelPattern, maxLength: 63 });
  } else if (node.format === 'dns-subdomain-or-empty') {
    delete out.format;
    Object.assign(out, { pattern: subdomainOrEmptyPattern, maxLength: 253 });
  }
  return out;
}

/** Names of the $defs a definition reaches through $ref, itself included. */
function closure(defs, root) {
  const seen = new Set();
  const stack = [root];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    JSON.stringify(defs[name], (key, value) => {
      if (key === '$ref' && typeof value === 'string') stack.push(value.slice('#/$defs/'.length));
      return value;
    });
  }
  return seen;
}

/** One standalone schema per kind (only the $defs that kind reaches). */
export function perKindSchemas(bundle, kinds = benchKinds) {
  return kinds.map((key) => {
    const info = bundle.kinds[key];
    if (!info) throw new Error(`no built-in schema for ${key}`);
    const names = closure(bundle.$defs, info.ref);
    return {
      key, apiVersion: info.apiVersion, kind: info.kind, ref: info.ref,
      $defs: Object.fromEntries([...names].sort().map((name) => [name, plain(bundle.$defs[name])])),
    };
  });
}

/** The peer's schema: the per-kind schemas, each applied to the documents of its apiVersion/kind. */
export function peerSchema(bundle, kinds = benchKinds) {
  const parts = perKindSchemas(bundle, kinds);
  const $defs = {};
  for (const part of parts) Object.assign($defs, part.$defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `statefulset-tools built-in schemas (Kubernetes ${bundle.kubernetesVersion}) for ${kinds.join(', ')}`,
    type: 'object',
    allOf: parts.map((part) => ({
      if: { properties: { apiVersion: { const: part.apiVersion }, kind: { const: part.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/$defs/${part.ref}` },
    })),
    $defs,
  };
}

export function writePeerSchema(bundlePath, outPath, kinds = benchKinds) {
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  const schema = peerSchema(bundle, kinds);
  writeFileSync(outPath, JSON.stringify(schema, null, 1));
  return { defs: Object.keys(schema.$defs).length, bytes: JSON.stringify(schema).length };
}
