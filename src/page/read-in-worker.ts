/* global Worker */
/** Opening a file for the standalone page: in a Web Worker where the browser has one, else here. */
import { validateRead, type Report, type ValidationResult } from '../model/core';
import type { OpenedReport } from '../flows/open-report';
import { readReportFile } from '../taskpane/read-file';

export type Reading = { readonly ok: true; readonly opened: OpenedReport; readonly result: ValidationResult } | { readonly ok: false; readonly message: string; readonly cancelled?: true };

export interface PendingRead {
  readonly done: Promise<Reading>;
  /** Stops reading at once. */
  cancel(): void;
}

const chinese = (e: unknown) => (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '无法读取这个文件');

export function readInWorker(file: File, previous: Report | undefined): PendingRead {
  let worker: Worker | undefined;
  try {
    worker = new Worker('open-worker.js');
  } catch {
    worker = undefined;
  }
  if (!worker) {
    // No worker (a page opened from disk, an old browser): read here.
    const done = readReportFile(file).then(
      (opened): Reading => ({ ok: true, opened, result: validateRead(opened, previous) }),
      (e: unknown): Reading => ({ ok: false, message: chinese(e) }),
    );
    return { done, cancel: () => undefined };
  }
  const w = worker;
  let settle: (r: Reading) => void = () => undefined;
  const done = new Promise<Reading>((resolve) => (settle = resolve));
  w.onmessage = (e: MessageEvent<Reading>) => {
    w.terminate();
    settle(e.data);
  };
  w.onerror = () => {
    w.terminate();
    settle({ ok: false, message: '读取时出错，请重试' });
  };
  if (file.size > 25 * 1024 * 1024) {
    w.terminate();
    settle({ ok: false, message: '文件过大，不是年度报告' });
  } else {
    void file.arrayBuffer().then((bytes) => w.postMessage({ bytes, previous }, [bytes]));
  }
  return {
    done,
    cancel: () => {
      w.terminate();
      settle({ ok: false, message: '已取消', cancelled: true });
    },
  };
}
