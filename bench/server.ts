/**
 * The collection server under load: 1,000 units submitting their workbooks at once to one
 * `xxgk serve` (embedded database) on 127.0.0.1 — accepted per second and the 95th-percentile
 * latency — beside the command line validating the same files on one thread, the floor the
 * server's own work (reading, validating, storing) stands on.
 */
import { execFileSync, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Report } from '../src/model/core';
import { filledBuffer } from '../src/workbook/fill';
import { generateReports } from './validate';

const UNITS = 1000;

export async function benchServer(): Promise<void> {
  const cli = join(__dirname, '../src/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-server-bench-'));
  const data = join(dir, 'data');
  const run = (args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  run(['server', 'init', '--data', data]);
  const names = Array.from({ length: UNITS }, (_, i) => `测试市第${i + 1}局`);
  writeFileSync(join(dir, 'units.csv'), `单位名称,机关类型\n${names.map((n) => `${n},政府部门及其他机关`).join('\n')}\n`);
  const codes = new Map((JSON.parse(run(['server', 'units', join(dir, 'units.csv'), '--data', data, '--json'])) as { name: string; code: string }[]).map((u) => [u.name, u.code]));
  const files = await Promise.all(
    generateReports(UNITS, 23).map(async (r, i) => {
      const f = join(dir, `r${i}.xlsx`);
      writeFileSync(f, await filledBuffer({ ...r, metadata: { ...r.metadata, agencyName: names[i]!, agencyKind: 'department' } } as Report));
      return f;
    }),
  );

  const t0 = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [cli, 'validate', '--json', '--jobs', '1', ...files], { stdio: 'ignore', maxBuffer: 1 << 30 });
  } catch {
    // exit 1: some generated reports have errors; still timed
  }
  const cliRate = UNITS / (Number(process.hrtime.bigint() - t0) / 1e9);

  const server = spawn(process.execPath, [cli, 'serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += String(d);
      const m = /报送服务已启动：(http:\/\/[^（\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  const bodies = files.map((f) => readFileSync(f));
  const latencies: number[] = [];
  let accepted = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    bodies.map(async (body, i) => {
      const s = process.hrtime.bigint();
      const res = await fetch(`${origin}/api/submit`, { method: 'POST', headers: { Authorization: `Bearer ${codes.get(names[i]!)}`, 'Content-Type': 'application/octet-stream' }, body });
      await res.arrayBuffer();
      if (res.status === 201) accepted++;
      latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const p95 = latencies[Math.floor(latencies.length * 0.95)]!;
  const rate = accepted / seconds;
  console.log(`\n报送 server — ${UNITS} units submitting their workbooks at once to one xxgk serve (embedded PGlite), 127.0.0.1`);
  console.log(`stored ${accepted}/${UNITS} in ${seconds.toFixed(1)} s → ${rate.toFixed(0)} per second · p95 latency ${(p95 / 1000).toFixed(1)} s · CLI validate of the same files on one thread: ${cliRate.toFixed(0)} per second (server ${(rate / cliRate).toFixed(2)}× the CLI's rate, aim ≥ 0.5×)`);
}
