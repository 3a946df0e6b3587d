// How the documents of one file are checked when the file is not a plain set of objects: a Kustomize
// patch is checked as a patch, a kustomization or a generator input not as a manifest, a file known
// not to hold Kubernetes objects (a chart's Chart.yaml, a CI workflow) not at all, and the
// objects of a build's resource only with the rules that need nothing but the object (their cross-file
// rules run inside each build: builds/). Decided by builds/roles.ts; the runner only applies it.
import type { Manifest } from '../model/manifest';
import type { Rule } from './rule';

export interface DocumentPolicy {
  /** A key that changes when the policy does (results of one policy are never reused for another). */
  key: string;
  /** Whether a file, document or manifest rule runs on the file. */
  runs(rule: Rule): boolean;
  /** The manifest as the rules see it (a patch without its `$patch` directives), when it differs. */
  view?(manifest: Manifest): Manifest;
  /** Whether the file's objects are subjects of the cross-document rules. */
  workspace: boolean;
  /** Whether document findings may be remembered per document (finding-cache.ts): only for the full rule set. */
  cache: boolean;
  /** A file known not to hold Kubernetes objects: no rule runs on it, and a closed one is never published. */
  silent?: true;
}
