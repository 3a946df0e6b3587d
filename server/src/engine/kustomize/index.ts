// The in-process Kustomize renderer: builds with provenance, build problems, and the role each file
// plays in the kustomizations that use it.
export { buildKustomization, type KustomizeBuild } from './build';
export type { FileRole, FileUse, KustomizeFiles, RenderOptions } from './context';
export { isKustomizationFileName, kustomizationFileNames } from './kustomization';
export { rolesOf } from './roles';
