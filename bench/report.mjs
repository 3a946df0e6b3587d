// Turns the benchmark's raw figures into the Markdown written to BENCHMARKS.md.

const ms = (value) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : 'n/a');
const mib = (value) => (Number.isFinite(value) ? `${Math.round(value)} MB` : 'n/a');
const ratio = (value) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const int = (value) => Math.round(value).toLocaleString('en-US');

/** The issue's targets, each with the measured value and whether it is met. */
export function targets(results) {
  const list = [];
  const lsp = results.lsp;
  if (lsp) {
    const openRatio = lsp.open.ours[1000].median / lsp.open.peer[1000].median;
    const changeRatio = lsp.change.ours.median / lsp.change.peer.median;
    list.push({ name: 'didOpen → diagnostics, 1,000 documents, ours / peer', target: '≤ 0.5', measured: ratio(openRatio), met: openRatio <= 0.5 });
    list.push({ name: 'one-character didChange → diagnostics, 1,000 documents, ours / peer', target: '≤ 0.5', measured: ratio(changeRatio), met: changeRatio <= 0.5 });
    list.push({ name: 'didChange → diagnostics, 1,000 documents, ours (median)', target: '< 50 ms', measured: ms(lsp.change.ours.median), met: lsp.change.ours.median < 50 });
  }
  if (results.edits) {
    for (const [kind, servers] of Object.entries(results.edits.kinds)) {
      const ours = servers.ours;
      list.push({ name: `edit of a ${kind} in a file of 1,000 StatefulSets + Services → diagnostics, ours (median / p95)`, target: '< 50 ms / < 100 ms',
        measured: `${ms(ours.median)} / ${ms(ours.p95)}`, met: ours.median < 50 && ours.p95 < 100 });
    }
  }
  if (results.burst) {
    const ours = results.burst.burst.ours;
    list.push({ name: 'request latency during a burst of edits, 1,000 documents, ours (p95 / max)', target: '< 100 ms / < 500 ms',
      measured: `${ms(ours.p95)} / ${ms(ours.max)}`, met: ours.p95 < 100 && ours.max < 500 });
    const completion = results.burst.completionBig.ours.median;
    list.push({ name: 'completion in a 1.9 MB file, ours (median)', target: '< 50 ms', measured: ms(completion), met: completion < 50 });
  }
  if (results.cli) {
    list.push({ name: `CLI on ${int(results.cli.files)} files / ${int(results.cli.resources)} resources`, target: '≥ 10,000 resources/s', measured: `${int(results.cli.resourcesPerSecond)} resources/s`, met: results.cli.resourcesPerSecond >= 10000 });
  }
  if (results.engine) {
    list.push({ name: 'engine (parse + all rules) over a bare `yaml` parseAllDocuments', target: '≤ 2×', measured: `${ratio(results.engine.ratio)}×`, met: results.engine.ratio <= 2 });
  }
  const kustomize = results.kustomize;
  if (kustomize) {
    list.push({ name: `one-character change in a Kustomize base → diagnostics of all ${kustomize.overlays} overlays refreshed (CPU)`, target: '< 100 ms', measured: ms(kustomize.checkRefreshMs), met: kustomize.checkRefreshMs < 100 });
    list.push({ name: `cold check of the base and its ${kustomize.overlays} overlays (CPU)`, target: '< 1 s', measured: ms(kustomize.checkColdMs), met: kustomize.checkColdMs < 1000 });
  }
  for (const h of results.helm ?? []) {
    list.push({ name: `save of a template → rendered diagnostics of a 10-template chart, over \`helm template\` alone (helm ${h.helm})`, target: '≤ 1.5×', measured: `${ratio(h.ratio)}×`, met: h.ratio <= 1.5 });
  }
  if (results.workspace) {
    list.push({ name: 'server RSS with the 2,000-file workspace', target: '< 250 MB', measured: mib(results.workspace.rss), met: results.workspace.rss < 250 });
  }
  return list;
}

export function renderReport(results) {
  const m = results.machine;
  const lines = [];
  lines.push(`## Latest run`, '');
  lines.push(`${m.date.slice(0, 10)} on ${m.cpu}, ${m.memoryGiB} GB RAM, ${m.os}, Node ${m.node}; load average at start ${m.loadAverage}; commit ${m.commit}. Peer: ${m.peer}. Medians of ${results.rounds} rounds (wall-clock time as an editor sees it, unless marked CPU).`, '');
  lines.push('| target | goal | measured | |', '|---|---|---|---|');
  for (const target of results.targets) lines.push(`| ${target.name} | ${target.goal ?? target.target} | ${target.measured} | ${target.met ? 'met' : '**missed**'} |`);
  lines.push('');
  const lsp = results.lsp;
  if (lsp) {
    lines.push('### Language servers on one multi-document file', '');
    lines.push(`Inputs: one file of 10, 100 and 1,000 documents, in the cycle StorageClass, ConfigMap, headless Service, StatefulSet (66 lines, a realistic pod template), with one planted mistake (\`replicas: x\`) that both servers report. The peer validates with the same schemas: ours, cut to a standalone schema for these kinds (${results.peerSchema.defs} definitions) with our custom keywords written as plain JSON Schema (bench/peer-schema.mjs).`, '');
    lines.push('| figure | ours | peer | ours / peer |', '|---|---|---|---|');
    for (const size of Object.keys(results.inputs)) {
      const input = results.inputs[size];
      const ours = lsp.open.ours[size].median;
      const peer = lsp.open.peer[size].median;
      lines.push(`| didOpen → diagnostics, ${int(Number(size))} documents (${int(input.lines)} lines, ${Math.round(input.bytes / 1024)} KB) | ${ms(ours)} | ${ms(peer)} | ${ratio(ours / peer)} |`);
    }
    lines.push(`| first didOpen after start (cold), 1,000 documents | ${ms(lsp.firstOpen.ours[1000])} | ${ms(lsp.firstOpen.peer[1000])} | ${ratio(lsp.firstOpen.ours[1000] / lsp.firstOpen.peer[1000])} |`);
    lines.push(`| one-character didChange in the middle → new diagnostics, 1,000 documents | ${ms(lsp.change.ours.median)} (min ${ms(lsp.change.ours.min)}) | ${ms(lsp.change.peer.median)} (min ${ms(lsp.change.peer.min)}) | ${ratio(lsp.change.ours.median / lsp.change.peer.median)} |`);
    const whatIf = lsp.change['ours-no-debounce'];
    if (whatIf) lines.push(`| the same change, our server built with no keystroke debounce (bench/variant.mjs) | ${ms(whatIf.median)} (min ${ms(whatIf.min)}) | | ${ratio(whatIf.median / lsp.change.peer.median)} |`);
    lines.push(`| server RSS with the three files open | ${mib(lsp.rss.ours)} | ${mib(lsp.rss.peer)} | ${ratio(lsp.rss.ours / lsp.rss.peer)} |`);
    lines.push('');
    lines.push(`Both servers wait before re-checking after a keystroke, and that wait is inside the change figures: ours ${results.oursChangeDebounceMs ?? '?'} (server/src/lsp/), the peer ${results.peerDebounceMs} ms (also on open). Diagnostics reported for the planted mistake, per file: ${Object.entries(lsp.agreement).map(([key, count]) => `${key} ${count}`).join(', ')}.`, '');
  }
  if (results.edits) {
    const edits = results.edits;
    lines.push('### Edits that other documents depend on', '');
    lines.push(`One file of ${int(edits.documents)} documents (${int(edits.lines)} lines): 1,000 StatefulSets, each after its headless Service. In the middle app, one character is inserted and removed again, in turn, in the Service's name (the StatefulSet's serviceName then names nothing), a pod template label (the selector no longer matches), the Service's selector value, and a plain value (replicas). Ours is timed until its diagnostics change as they must; the peer, which checks the schema only, until it publishes again.`, '');
    lines.push('| edit | ours median | ours p95 | peer median | peer p95 | ours / peer (median) |', '|---|---|---|---|---|---|');
    for (const [kind, servers] of Object.entries(edits.kinds)) {
      lines.push(`| ${kind} | ${ms(servers.ours.median)} | ${ms(servers.ours.p95)} | ${ms(servers.peer.median)} | ${ms(servers.peer.p95)} | ${ratio(servers.ours.median / servers.peer.median)} |`);
    }
    lines.push('');
  }
  if (results.burst) {
    const burst = results.burst;
    lines.push('### Requests while typing', '');
    lines.push(`The 1,000-document file: a one-character edit every ${burst.intervalMs} ms (${burst.edits} edits), each followed at once by a completion, hover or code action request at the edited line, in turn, not waiting for anything. Then completion in a ${Math.round(burst.bigBytes / 1024 / 1024 * 10) / 10} MB file of 3,000 documents, once it is open and checked.`, '');
    lines.push('| figure | ours | peer |', '|---|---|---|');
    const b = burst.burst;
    lines.push(`| request latency during the burst, p50 / p95 / max | ${ms(b.ours.p50)} / ${ms(b.ours.p95)} / ${ms(b.ours.max)} | ${ms(b.peer.p50)} / ${ms(b.peer.p95)} / ${ms(b.peer.max)} |`);
    lines.push(`| completion in the 1.9 MB file (median) | ${ms(burst.completionBig.ours.median)} | ${ms(burst.completionBig.peer.median)} |`, '');
  }
  if (results.workspace) {
    lines.push('### Our server with a 2,000-file workspace', '');
    lines.push(`Workspace folder of ${int(results.cli?.files ?? 2000)} files × 5 documents. One file opened: diagnostics after ${ms(results.workspace.openMs)}; the server was idle ${ms(results.workspace.settledMs)} after start; RSS then ${mib(results.workspace.rss)}. Cold index time and edit → dependent-file diagnostics: bench/index-bench.mjs.`, '');
  }
  if (results.cli) {
    const cli = results.cli;
    lines.push('### CLI', '');
    lines.push(`\`statefulset-lint --format json\` on ${int(cli.files)} files / ${int(cli.resources)} resources (${cli.findings} findings): ${ms(cli.wall.median)} wall (min ${ms(cli.wall.min)}), ${ms(cli.cpu.median)} CPU, including Node start-up and schema loading: ${int(cli.resourcesPerSecond)} resources/s wall, ${int(cli.resourcesPerCpuSecond)} resources per CPU second.`, '');
    if (cli.bareParseWall) lines.push(`Same-run reference, interleaved: a fresh Node process that only parses the same files with \`yaml\` (bench/bare-parse.cjs) takes ${ms(cli.bareParseWall.median)}; the whole check takes ${cli.overBareParse.toFixed(2)}× that.`, '');
  }
  if (results.engine) {
    const engine = results.engine;
    lines.push('### Engine over a bare parse (CPU time)', '');
    lines.push('| step | CPU |', '|---|---|');
    lines.push(`| bare \`yaml\` parseAllDocuments of the ${int(engine.files)} files (${int(engine.documents)} documents): the floor | ${ms(engine.bareParseMs)} |`);
    if (engine.fastParseMs !== undefined) lines.push(`| the engine's data reader alone (server/src/engine/yaml/fast/data.ts: the data and offsets \`yaml\` gives, no tree) | ${ms(engine.fastParseMs)} |`);
    lines.push(`| engine: parse (documents, values, manifests, syntax problems) | ${ms(engine.engineParseMs)} |`);
    lines.push(`| engine: every rule on every file, workspace rules included (${engine.findings} findings) | ${ms(engine.engineCheckMs)} |`);
    lines.push(`| engine total / floor | ${ratio(engine.ratio)}× |`);
    lines.push('');
  }
  if (results.kustomize) {
    const k = results.kustomize;
    lines.push('### Kustomize overlays (bench/kustomize-bench.mjs)', '');
    lines.push(`A base (a ${k.statefulSetLines}-line StatefulSet, a headless Service, a StorageClass, a generated ConfigMap) and ${k.overlays} overlays, each with a namespace, a prefix, labels, replicas, images, a generator merge, a strategic-merge patch, a JSON 6902 patch and an inline patch. In-process figures are CPU time; \`kubectl kustomize\` is wall time of one process per overlay, the floor a CI job pays to render them before any check.`, '');
    lines.push('| figure | time | kubectl kustomize / this |', '|---|---|---|');
    lines.push(`| render the ${k.overlays} overlays in-process, cold | ${ms(k.coldMs)} | ${ratio(k.kubectlMs / k.coldMs)} |`);
    lines.push(`| render them again after a one-character change in the base | ${ms(k.refreshMs)} | ${ratio(k.kubectlMs / k.refreshMs)} |`);
    lines.push(`| cold check: parse every file, build, check and place the findings of every overlay | ${ms(k.checkColdMs)} | ${ratio(k.coldRatio)} |`);
    lines.push(`| one-character change in the base (serviceName, so every overlay's findings change) → the language server's re-check until every overlay's diagnostics are published | ${ms(k.checkRefreshMs)} | ${ratio(k.refreshRatio)} |`);
    if (k.identitiesMs !== undefined) {
      lines.push(`| pod identities of the base StatefulSet, one section per build (${k.overlays + 1}), the builds current (the preview's request) | ${ms(k.identitiesMs)} | ${ratio(k.kubectlMs / k.identitiesMs)} |`);
      lines.push(`| the same request right after a one-character change in the base, before the re-check (it builds and checks the overlays) | ${ms(k.identitiesAfterEditMs)} | ${ratio(k.kubectlMs / k.identitiesAfterEditMs)} |`);
    }
    lines.push(`| \`kubectl kustomize\` of the ${k.overlays} overlays, one after the other (${k.kubectl}) | ${ms(k.kubectlMs)} | 1 |`);
    lines.push('');
  }
  if (results.helm) {
    lines.push('### Helm charts (bench/helm-save-bench.mjs)', '');
    lines.push('The language server with helm set, on a 10-template chart (bench/helm-chart.mjs): each round puts a mistake only the rendered chart shows into the StatefulSet template (checked statically while typing), writes it and sends didSave; the time runs until the diagnostics with the rendered finding are published. `helm template` alone is timed in the same run (wall time of one process). Medians.', '');
    lines.push('| helm | save → rendered diagnostics | helm template alone | ratio |', '|---|---|---|---|');
    for (const h of results.helm) lines.push(`| ${h.helm} | ${ms(h.saveMs)} | ${ms(h.helmAloneMs)} | ${ratio(h.ratio)}× |`);
    lines.push('');
  }
  if (results.linear) {
    lines.push('### Hostile inputs: doubling ratios (CPU time)', '');
    lines.push('CPU time of checking an input of size n and 2n (bench/linear-bench.mjs): near 2 is linear, near 4 quadratic. The unit test (test/engine/linear-work.test.ts) asserts the same on counted work, not time.', '');
    lines.push('| input | n | n | 2n | ratio |', '|---|---|---|---|---|');
    for (const row of results.linear) lines.push(`| ${row.name} | ${int(row.n)} | ${ms(row.onceMs)} | ${ms(row.twiceMs)} | ${ratio(row.ratio)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
