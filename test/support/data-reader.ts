// The data reader (server/src/engine/yaml/fast/data.ts) over a whole text, chunk by chunk as the engine
// reads it (engine/yaml/chunks.ts), compared with `yaml`'s parseAllDocuments with the engine's options.
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { chunkEnd, chunkStarts, isMarkerLine } from '../../server/src/engine/yaml/chunks';
import { readDataDocument, type DataDocument } from '../../server/src/engine/yaml/fast/data';
import { parseOptions } from '../../server/src/engine/yaml/region';

/** Every document of the text as the data reader reads it, or undefined when it gives up on any chunk. */
export function readData(text: string): DataDocument[] | undefined {
  const starts = chunkStarts(text);
  const documents: DataDocument[] = [];
  for (let index = 0; index < starts.length; index++) {
    const read = readDataDocument(text, starts[index], chunkEnd(text, starts, index), index > 0 || isMarkerLine(text, 0));
    if (read === undefined) return undefined;
    if (read !== 'empty') documents.push(read);
  }
  return documents.length ? documents : undefined;
}

/**
 * Where the data reader takes the text (does not give up), how it differs from `yaml`: a difference in
 * the number of documents, an error or warning `yaml` reports, other offsets (range[0] and range[2] of
 * each document) or other data. 'gave up' when it gives up, undefined when they agree.
 */
export function dataDifference(text: string): string | undefined | 'gave up' {
  const documents = readData(text);
  if (!documents) return 'gave up';
  const expected = [...parseAllDocuments(text, parseOptions)];
  if (expected.length !== documents.length) return `${documents.length} documents, yaml ${expected.length}`;
  for (let index = 0; index < expected.length; index++) {
    const doc = expected[index];
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length) return `document ${index}: yaml reports ${problems.map((problem) => problem.code).join(', ')}`;
    const [start, , end] = doc.range;
    if (documents[index].start !== start || documents[index].end !== end) {
      return `document ${index}: offsets ${documents[index].start}-${documents[index].end}, yaml ${start}-${end}`;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (!isDeepStrictEqual(documents[index].value, value)) return `document ${index}: data ${JSON.stringify(documents[index].value)}, yaml ${JSON.stringify(value)}`;
    if (documents[index].nullFree && holdsNull(value)) return `document ${index}: called free of nulls, but yaml's data holds one: ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** Whether a value is null or holds a null anywhere. */
function holdsNull(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.some(holdsNull);
  return typeof value === 'object' && Object.values(value as object).some(holdsNull);
}
