// Definition, references and name completion over the workspace index: the engine's navigation
// functions (engine/navigation.ts) converted to LSP types.
import { CompletionItemKind, InsertTextMode, MarkupKind, type CompletionItem, type Location } from 'vscode-languageserver/node';
import type { CompletionData, Engine } from '../engine';
import { completeNames, definition, references, type NavLocation } from '../engine';
import { rangeOf } from './convert';

const completionKinds: Record<CompletionData['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  kind: CompletionItemKind.Class,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
};

function toLocation(engine: Engine, location: NavLocation): Location {
  return { uri: location.uri, range: rangeOf(engine, location.uri, location.start, location.end) };
}

export function definitionLocations(engine: Engine, uri: string, offset: number): Location[] {
  // A kustomization entry leads to the file it names (a base folder: its kustomization file).
  const target = engine.kustomizationTarget(uri, offset);
  if (target) return [{ uri: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  return definition(engine.model, uri, offset).map((location) => toLocation(engine, location));
}

export function referenceLocations(engine: Engine, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  return references(engine.model, uri, offset, includeDeclaration).map((location) => toLocation(engine, location));
}

/** Schema completion (keys, enum values) plus workspace names (serviceName, storageClassName, ...). */
export function completionItems(engine: Engine, uri: string, offset: number): CompletionItem[] {
  const names = completeNames(engine.model, engine.settings, uri, offset);
  const labels = new Set(names.map((item) => item.label));
  const all = [...names, ...engine.complete(uri, offset).filter((item) => !labels.has(item.label))];
  return all.map((item, index) => ({
    label: item.label,
    kind: index < names.length && item.kind === 'value' ? CompletionItemKind.Reference : completionKinds[item.kind],
    detail: item.detail,
    documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
    textEdit: { range: rangeOf(engine, uri, item.span.start, item.span.end), newText: item.insertText },
    insertTextMode: InsertTextMode.adjustIndentation,
    ...(index < names.length ? { sortText: `0${String(index).padStart(4, '0')}` } : {}),
  }));
}
