/** xxgk submit: validates a file here, then sends it to the office's server and prints its verdict. */
import { readFileSync } from 'fs';
import { basename } from 'path';
import { validateRead } from '../model/core';
import { loadReport } from './load';
import { err, out, printable } from './stdio';

interface Verdict {
  outcome?: string;
  message?: string;
  status?: string;
  statusLabel?: string;
  issues?: { severity: string; message: string; address?: string }[];
}

export async function runSubmit(files: string[], o: { server?: string; code?: string; json?: boolean }): Promise<number> {
  const code = o.code ?? process.env.XXGK_CODE;
  if (files.length !== 1 || !o.server || !code) {
    err('submit 需要一个文件、--server <地址> 和 --code <报送码>（或环境变量 XXGK_CODE）\n');
    return 2;
  }
  const file = files[0]!;
  const loaded = await loadReport(file);
  if (!loaded.ok) {
    err(`${loaded.problems.map(printable).join('\n')}\n未报送。\n`);
    return 2;
  }
  const result = validateRead(loaded);
  err(`本机校验：${result.valid ? '通过' : `有 ${result.counts.error} 个错误`}${result.counts.warning ? `，${result.counts.warning} 个警告` : ''}。正在报送…\n`);
  let url: URL;
  try {
    url = new URL('api/submit', o.server.endsWith('/') ? o.server : `${o.server}/`);
  } catch {
    err(`服务器地址无效：${printable(o.server)}\n`);
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${code}`, 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(basename(file)) },
      body: readFileSync(file),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (e) {
    err(`无法连接报送服务器 ${printable(url.origin)}（${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}）：未报送\n`);
    return 2;
  }
  let v: Verdict;
  try {
    v = (await res.json()) as Verdict;
  } catch {
    err(`服务器的回答无法读取（HTTP ${res.status}）：未报送\n`);
    return 2;
  }
  if (o.json) out(`${JSON.stringify({ http: res.status, ...v })}\n`);
  else {
    out(`${printable(v.message ?? `HTTP ${res.status}`)}\n`);
    for (const i of v.issues ?? []) out(`  ${i.severity === 'error' ? '错误' : '警告'}${i.address ? ` ${printable(i.address)}` : ''}  ${printable(i.message)}\n`);
  }
  if (v.outcome === 'accepted') return 0;
  if (v.outcome === 'unchanged') return v.status === 'errors' ? 1 : 0;
  if (v.outcome === 'errors') return 1;
  return 2;
}
