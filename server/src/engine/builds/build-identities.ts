// The pod identities each build makes of a file: for a base StatefulSet, the names every overlay that
// uses it gives its pods, DNS names and PVCs (namePrefix/nameSuffix, namespace, patches, serviceName
// rewritten by name reference); for a patch, the StatefulSets it patches; for a kustomization, the
// StatefulSets it builds. They are computed by the one identities function on the build's rendered
// objects, in the model of that build alone (so the governing Service is the one this build holds),
// and every place is put back on the sources, like the build's findings. The problems shown are that
// build's findings of the rules marked `showInPreview`, as placed on the sources.
import type { BuildIdentities, SourceRef, StatefulSetIdentities } from '../../protocol/identities';
import { statefulSetIdentities, type IdentityOptions } from '../identities/compute';
import { problemOf } from '../identities/problems';
import { isStatefulSet } from '../k8s/statefulset';
import { isObject, type Manifest } from '../model/manifest';
import type { Build, BuiltObject, Origin } from '../model/provenance';
import type { EngineSettings } from '../types';
import type { ParsedFile } from '../yaml';
import type { DataPath } from '../yaml/nodes';
import type { RenderedBuild } from './build-check';
import { placeOrigin } from './place';
import type { FileRole } from './source';

export interface BuildIdentityEnv {
  /** The current builds (brought up to date). */
  builds: readonly Build[];
  /** A build's rendered objects as last checked, or undefined when they were not (unsupported, failed). */
  rendered(buildUri: string): RenderedBuild | undefined;
  /** A source file of the model. */
  file(uri: string): ParsedFile | undefined;
  /** The role of a file in the builds. */
  roleOf(uri: string): FileRole | undefined;
  settings: Pick<EngineSettings, 'clusterDomain' | 'defaultNamespace' | 'kubernetesVersion'>;
  /** The rules whose findings the preview shows. */
  shownRules: ReadonlySet<string>;
}

const isPatch = (role: FileRole | undefined): boolean => role === 'patch-strategic-merge' || role === 'patch-json6902';

/** Whether a value of the object (or a deletion in it) was written in the file at `uri`. */
function writtenIn(object: BuiltObject, uri: string): boolean {
  if (object.removals?.some((removal) => removal.origin.uri === uri)) return true;
  const walk = (value: unknown, path: DataPath): boolean => {
    if (object.originOf(path).uri === uri) return true;
    if (path.length > 40) return false;
    if (Array.isArray(value)) return value.some((item, index) => walk(item, [...path, index]));
    if (isObject(value)) return Object.entries(value).some(([key, item]) => walk(item, [...path, key]));
    return false;
  };
  return walk(object.value, []);
}

/** Whether the build's object concerns the file: the build is the file's, the object is written there, or patched there. */
function concerns(build: Build, object: BuiltObject, uri: string, role: FileRole | undefined): boolean {
  return build.uri === uri || object.origin.uri === uri || (isPatch(role) && writtenIn(object, uri));
}

function isSourceRef(value: unknown): value is SourceRef {
  return isObject(value) && typeof value.uri === 'string' && typeof value.start === 'number' && typeof value.end === 'number';
}

/** A copy of `value` with every place in the rendered text replaced by its place on the sources. */
function placed<T>(value: T, renderedUri: string, place: (ref: SourceRef) => SourceRef): T {
  if (isSourceRef(value)) return (value.uri === renderedUri ? place(value) : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => placed(item, renderedUri, place)) as T;
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, placed(item, renderedUri, place)])) as T;
  return value;
}

class BuildPlaces {
  constructor(private readonly view: RenderedBuild, private readonly env: BuildIdentityEnv) {}

  private at(origin: Origin, onKey: boolean): SourceRef | undefined {
    const found = placeOrigin(origin, onKey, this.env.file(origin.uri));
    return found && { uri: found.uri, start: found.start, end: found.end };
  }

  /** Any span of the rendered text, on the sources. */
  readonly place = (ref: SourceRef): SourceRef => {
    const found = this.view.place(ref);
    return { uri: found.uri, start: found.start, end: found.end };
  };

  /**
   * An object's name where the object is written (a prefixed name's own origin is the namePrefix entry);
   * when the builder places objects by offsets (a Helm template), where its name was made.
   */
  nameOf(object: BuiltObject): SourceRef | undefined {
    const origin = object.origin.span ? object.originOf(['metadata', 'name']) : { ...object.origin, path: [...object.origin.path, 'metadata', 'name'] };
    return this.at(origin, false);
  }

  /** The object's whole source document (or the part of it that holds the object). */
  documentOf(object: BuiltObject): SourceRef | undefined {
    return this.at(object.origin, false);
  }

  /** The object whose rendered document holds the span. */
  objectAt(ref: SourceRef): BuiltObject | undefined {
    const document = this.view.model.getFile(this.view.uri)?.documents.find((candidate) => ref.start >= candidate.span.start && ref.start <= candidate.span.end);
    return document && this.view.build.objects[document.index];
  }
}

/** One StatefulSet of a rendered build, its places on the sources and the build's problems in it. */
function setOf(view: RenderedBuild, manifest: Manifest, object: BuiltObject, env: BuildIdentityEnv, options: IdentityOptions): StatefulSetIdentities {
  const rendered = statefulSetIdentities(manifest, view.model, env.settings, options);
  const places = new BuildPlaces(view, env);
  const span = manifest.document.span;
  const problems = view.findings
    .filter(({ rendered: finding }) => env.shownRules.has(finding.ruleId) && finding.uri === view.uri && finding.start >= span.start && finding.end <= span.end)
    .map(({ placed: finding }) => problemOf(finding));
  const set = placed(rendered, view.uri, places.place);
  const service = rendered.service?.location && places.objectAt(rendered.service.location);
  return {
    ...set,
    uri: object.origin.uri,
    docIndex: object.origin.docIndex,
    location: places.nameOf(object) ?? set.location,
    documentSpan: places.documentOf(object) ?? set.documentSpan,
    ...(set.service && service ? { service: { ...set.service, location: places.nameOf(service) ?? set.service.location } } : {}),
    problems,
  };
}

/** Why a build that uses the file lists no StatefulSet: it fails, or is not rendered in full. */
function noteOf(build: Build): string | undefined {
  const command = build.tool === 'kustomize' ? '`kubectl kustomize`' : '`helm template`';
  if (build.unsupported.length > 0) {
    const features = [...new Set(build.unsupported.map((entry) => entry.feature))].join(', ');
    return `${build.label} uses ${features}, which the built-in renderer does not support: the names it gives the pods are not shown. Run ${command} to see them.`;
  }
  if (build.objects.length === 0) {
    const problem = build.problems.find((candidate) => (candidate.severity ?? 'error') === 'error');
    const reason = problem ? `: ${problem.message}` : '';
    return `${build.label} builds no objects${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
  }
  return undefined;
}

/**
 * The StatefulSets each build makes of the file at `uri`, by build (in the builds' order); builds that
 * make none are left out, but for a build that could not be rendered and uses the file (a note says why).
 */
export function buildIdentities(uri: string, env: BuildIdentityEnv, options: IdentityOptions = {}): BuildIdentities[] {
  const role = env.roleOf(uri);
  const holdsStatefulSet = (env.file(uri)?.documents ?? []).some((document) => isObject(document.value) && document.value.kind === 'StatefulSet');
  const out: BuildIdentities[] = [];
  for (const build of env.builds) {
    const section = { tool: build.tool, label: build.label, uri: build.uri, activeIndex: -1 };
    const view = env.rendered(build.uri);
    const note = noteOf(build);
    if (!view || view.build !== build || note) {
      if (build.uri === uri || (build.inputs.includes(uri) && (holdsStatefulSet || isPatch(role)))) out.push({ ...section, statefulSets: [], note: note ?? `${build.label} was not checked.` });
      continue;
    }
    const manifests = view.model.manifestsOf(view.uri);
    const statefulSets: StatefulSetIdentities[] = [];
    for (const manifest of manifests) {
      const object = build.objects[manifest.docIndex];
      if (object && isStatefulSet(manifest) && concerns(build, object, uri, role)) statefulSets.push(setOf(view, manifest, object, env, options));
    }
    if (statefulSets.length > 0) out.push({ ...section, statefulSets });
  }
  return out;
}
