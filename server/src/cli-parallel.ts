// Checking many files on several cores. The rules of file, document and manifest scope read nothing
// outside their file, so worker threads run them on shares of the files, each with its own engine.
// The main thread parses every file (it needs them all for the workspace rules, which look across
// files, and for the positions it prints), runs the workspace rules, and the per-file rules on its
// own, smaller share. `main` stays synchronous: it waits for the workers with Atomics.wait and takes
// their results off their ports with receiveMessageOnPort.
import { availableParallelism } from 'node:os';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { Engine, allRules, type Finding } from './engine';
import type { EngineSettings } from './engine/types';
import { readText } from './cli-files';

/** Below this much text, starting a worker (its own engine and schemas) costs more than it saves. */
const minimumBytesForWorkers = 1024 * 1024;

/** Per-file rules: what a worker runs. */
export const perFileRules = allRules.filter((rule) => rule.scope !== 'workspace');
export const workspaceRules = allRules.filter((rule) => rule.scope === 'workspace');

interface WorkerInput {
  statefulsetLintWorker: true;
  files: string[];
  settings: Partial<EngineSettings>;
  port: MessagePort;
  done: Int32Array;
}

interface WorkerOutput {
  results: [string, Finding[]][];
  ruleErrors: { ruleId: string; uri: string; message: string }[];
  failure?: string;
}

/** How many worker threads to start: `jobs` threads in all when given, else one per further core for large inputs. */
export function workerCount(jobs: number | undefined, bytes: number): number {
  if (jobs !== undefined) return Math.max(0, jobs - 1);
  return bytes >= minimumBytesForWorkers ? Math.min(availableParallelism() - 1, 7) : 0;
}

/**
 * Splits the files (with their sizes) into the main thread's share and one share per worker. The
 * main thread also parses every file and runs the workspace rules, so it takes less per-file work.
 */
export function splitFiles(files: string[], sizes: number[], workers: number): { main: string[]; workers: string[][] } {
  if (workers === 0) return { main: files, workers: [] };
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const mainBudget = total * (0.6 / (workers + 0.6));
  const main: string[] = [];
  const shares: string[][] = Array.from({ length: workers }, () => []);
  let taken = 0;
  let next = 0;
  files.forEach((file, index) => {
    if (taken + sizes[index] / 2 <= mainBudget) {
      main.push(file);
      taken += sizes[index];
    } else {
      shares[next].push(file);
      next = (next + 1) % workers;
    }
  });
  return { main, workers: shares.filter((share) => share.length > 0) };
}

export interface RunningWorkers {
  /** Waits for every worker and returns their findings by file, and the errors of rules that threw. */
  collect(): WorkerOutput;
}

/** Starts one worker per share; each reads, parses and checks its files with the per-file rules. */
export function startWorkers(shares: string[][], settings: Partial<EngineSettings>, entry: string): RunningWorkers {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const running = shares.map((files) => {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = { statefulsetLintWorker: true, files, settings, port: port2, done };
    const worker = new Worker(entry, { workerData: input, transferList: [port2] });
    worker.unref();
    return { worker, port: port1 };
  });
  return {
    collect() {
      const output: WorkerOutput = { results: [], ruleErrors: [] };
      for (let finished = Atomics.load(done, 0); finished < running.length; finished = Atomics.load(done, 0)) {
        Atomics.wait(done, 0, finished, 1000);
      }
      for (const { worker, port } of running) {
        const message = receiveMessageOnPort(port)?.message as WorkerOutput | undefined;
        if (!message || message.failure) throw new Error(`a worker thread failed: ${message?.failure ?? 'no result'}`);
        output.results.push(...message.results);
        output.ruleErrors.push(...message.ruleErrors);
        port.close();
        void worker.terminate();
      }
      return output;
    },
  };
}

/** The worker's side: check the share, post the results, signal. */
function runWorker(input: WorkerInput): void {
  const output: WorkerOutput = { results: [], ruleErrors: [] };
  try {
    const engine = new Engine(undefined, input.settings, {
      rules: perFileRules,
      cacheFindings: false,
      onRuleError: (ruleId, uri, error) => output.ruleErrors.push({ ruleId, uri, message: String(error) }),
    });
    for (const path of input.files) {
      const content = readText(path);
      if ('text' in content) engine.setFile(path, content.text); else engine.setUnreadable(path, content.unreadable);
    }
    output.results = [...engine.check(input.files)];
  } catch (error) {
    output.failure = error instanceof Error ? error.stack ?? error.message : String(error);
  } finally {
    input.port.postMessage(output);
    Atomics.add(input.done, 0, 1);
    Atomics.notify(input.done, 0);
  }
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.statefulsetLintWorker) runWorker(workerData as WorkerInput);
