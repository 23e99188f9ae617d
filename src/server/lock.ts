/** One process at a time in an embedded data folder: a lock file holding the owner's process id. */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DatabaseError } from './errors';

export interface FolderLock {
  release(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockFolder(folder: string): FolderLock {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'xxgk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      // A process killed without cleaning up (SIGKILL, power loss) leaves its lock: take it over.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DatabaseError(`数据文件夹 ${folder} 正由另一个进程（${pid}，通常是 xxgk serve）使用：同一时间只能有一个进程打开它。请在看板上查看，或先停止该进程`);
      }
      unlinkSync(file);
    }
  }
  throw new DatabaseError(`无法锁定数据文件夹 ${folder}`);
}
