// The YAML layer's surface (docs/yaml-layer.md): text → ParsedFile (parseFile), an edited text →
// ParsedFile re-parsing only what the edit touched (reparseFile), a document → its `yaml` tree,
// parsed when asked for (parseTree), and which trees stay in memory (LazyTrees).
export { parseFile, skippedFile } from './parse';
export { reparseFile } from './reparse';
export { parseTree, rootMap, topLevelValueSpan, type ParsedDocument, type ParsedFile, type SyntaxProblem } from './document';
export { computeLineStarts, lineColumn, offsetOf } from './positions';
