// Preloaded into a benchmarked process (`node --require bench/cpu-usage.cjs ...`): on exit, writes
// the process's CPU time (user + system, ms) and peak RSS to the file named by BENCH_CPU_REPORT.
'use strict';
const { writeFileSync } = require('node:fs');

const report = process.env.BENCH_CPU_REPORT;
if (report) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(report, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMiB: usage.maxRSS / 1024 }));
  });
}
