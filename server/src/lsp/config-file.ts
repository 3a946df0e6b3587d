// `.statefulset-lint.yaml` in the editor: the file at the root of the first workspace folder that has
// one sets the workspace's settings (never a file outside the workspace); what the user set in the
// editor's settings wins over it (resolve). Every configuration file open or on disk gets its problems
// as diagnostics (config/invalid), completion and hover from the schema, and editing or saving one
// applies it at once (onChange re-checks the workspace). Configuration files are not manifests: the
// workspace server hands them here instead of to the engine.
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompletionItemKind, DiagnosticSeverity, MarkupKind, type CompletionItem, type Diagnostic, type Hover, type Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineSettings } from '../engine';
import { configCompletions, configHover } from '../engine';
import { configFileNames, configRuleId } from '../engine';
import { mergeSettings } from '../engine';
import { configFromText, configIn, readConfigText, type LoadedConfig } from '../config/config-file';
import { diagnosticSource, ruleDocsHref } from './convert';
import { toEngineSettings } from './settings';
import { canonicalUri, pathOfUri } from './workspace-index';

export interface ConfigHost {
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/** Whether a document is a configuration file (by its name). */
export function isConfigFileUri(uri: string): boolean {
  const path = pathOfUri(uri) ?? uri;
  return configFileNames.includes(basename(path));
}

/** Only the settings the user (or another editor's configuration) gave: keys with a value in `raw`. */
export function userSettings(raw: unknown): Partial<EngineSettings> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const full = toEngineSettings(raw);
  const given = raw as Record<string, unknown>;
  return Object.fromEntries(Object.entries(full).filter(([key]) => given[key] !== undefined && given[key] !== null)) as Partial<EngineSettings>;
}

export class WorkspaceConfigs {
  /** Called when the settings in force may have changed (a configuration file was edited, saved or deleted). */
  onChange: () => void = () => undefined;
  private folders: string[] = [];
  /** Texts of open configuration documents, by canonical uri (they win over the disk). */
  private readonly open = new Map<string, string>();
  private active: LoadedConfig | undefined;
  private raw: unknown;
  private appliedKey = '';

  constructor(private readonly host: ConfigHost) {}

  /** The workspace folders (paths); their root configuration files are read. */
  setFolders(folders: string[]): void {
    this.folders = folders;
    this.reload();
  }

  /** The settings in force: defaults, the configuration file, then what the user set (`raw`, kept for later calls). */
  resolve(raw: unknown = this.raw): EngineSettings {
    this.raw = raw;
    return mergeSettings(this.active?.settings ?? {}, userSettings(raw));
  }

  /** The configuration's Helm values files per chart glob, with the folder they are relative to (a path). */
  helmValues(): { folder: string; entries: { chart: string; files: string[] }[] } | undefined {
    return this.active?.helmValues ? { folder: this.active.folder, entries: this.active.helmValues } : undefined;
  }

  /** files.exclude-style globs of the configuration's `ignore`, for a workspace folder (its uri). */
  excludesOf(folderUri: string): Record<string, boolean> {
    const folder = pathOfUri(folderUri);
    if (!this.active || !folder || this.active.folder !== folder) return {};
    return Object.fromEntries(this.active.ignore.map((glob) => [glob, true]));
  }

  /** An open configuration document's new text. */
  documentChanged(uri: string, text: string): void {
    this.open.set(canonicalUri(uri), text);
    this.check(uri);
  }

  /** A configuration document was closed: the disk's text applies again. */
  documentClosed(uri: string): void {
    this.open.delete(canonicalUri(uri));
    this.check(uri);
  }

  /** A configuration file changed, appeared or went away on disk. */
  fileChanged(uri: string): void {
    if (!this.open.has(canonicalUri(uri))) this.check(uri);
  }

  hover(uri: string, position: Position): Hover | null | undefined {
    const text = this.open.get(canonicalUri(uri));
    if (!isConfigFileUri(uri)) return undefined;
    if (text === undefined) return null;
    const document = TextDocument.create(uri, 'yaml', 0, text);
    const found = configHover(text, document.offsetAt(position));
    return found ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: { start: document.positionAt(found.span.start), end: document.positionAt(found.span.end) } } : null;
  }

  completion(uri: string, position: Position): CompletionItem[] | undefined {
    const text = this.open.get(canonicalUri(uri));
    if (!isConfigFileUri(uri)) return undefined;
    if (text === undefined) return [];
    const document = TextDocument.create(uri, 'yaml', 0, text);
    return configCompletions(text, document.offsetAt(position)).map((item) => ({
      label: item.label,
      kind: item.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      insertText: item.insertText,
      ...(item.detail ? { detail: item.detail } : {}),
      ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
    }));
  }

  /** Reads a configuration file (open text or disk) and publishes its problems; undefined when it is gone. */
  private load(path: string): LoadedConfig | undefined {
    const uri = pathToFileURL(path).href;
    let text = this.open.get(canonicalUri(uri));
    if (text === undefined) {
      try {
        text = readConfigText(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') this.host.log(`cannot read the configuration file ${path}: ${error instanceof Error ? error.message : String(error)}`);
        this.host.publish(uri, []);
        return undefined;
      }
    }
    const config = configFromText(path, text);
    const document = TextDocument.create(uri, 'yaml', 0, text);
    const diagnostics: Diagnostic[] = config.problems.map((problem) => ({
      range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
      severity: DiagnosticSeverity.Error,
      code: configRuleId,
      codeDescription: { href: ruleDocsHref(configRuleId) },
      source: diagnosticSource,
      message: problem.message,
    }));
    if (!this.folders.some((folder) => join(folder, basename(path)) === path)) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        code: configRuleId,
        source: diagnosticSource,
        message: 'The editor applies only the configuration file at the root of a workspace folder; this one applies to statefulset-lint on the command line (for the files below this folder). Open this folder as the workspace to use it here.',
      });
    }
    this.host.publish(uri, diagnostics);
    return config;
  }

  private check(uri: string): void {
    const path = pathOfUri(uri);
    if (!path) return;
    if (this.folders.some((folder) => join(folder, basename(path)) === path)) this.reload();
    else this.load(path);
  }

  /** Re-reads the root configuration files; the first folder that has one sets the settings. */
  private reload(): void {
    this.active = undefined;
    for (const folder of this.folders) {
      const path = configIn(folder) ?? [...this.open.keys()].map((uri) => pathOfUri(uri)).find((open) => open && configFileNames.some((name) => open === join(folder, name)));
      const config = path ? this.load(path) : undefined;
      this.active ??= config;
    }
    const key = JSON.stringify([this.active?.settings, this.active?.ignore]);
    if (key !== this.appliedKey) {
      this.appliedKey = key;
      this.onChange();
    }
  }
}
