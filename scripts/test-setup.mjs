#!/usr/bin/env node
/**
 * Before every test run (`npm test`): the system programs some tests drive — LibreOffice Calc and
 * Writer, a CJK font, Debian's Chromium, PostgreSQL, poppler's pdftotext. Missing ones are installed with apt where this user may
 * (root, or sudo without a password); otherwise the run stops here with one line naming the
 * command to run. `npm run test:unit` needs none of them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const ok = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const output = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : '';
};
const anyFile = (...paths) => paths.some((p) => existsSync(p));

/** What the tests need: a Debian package each, and how to see that it is there. */
const NEEDS = [
  { pkg: 'libreoffice-calc-nogui', what: 'LibreOffice Calc', present: () => anyFile('/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice') && anyFile('/usr/lib/libreoffice/program/libsclo.so') },
  { pkg: 'libreoffice-writer-nogui', what: 'LibreOffice Writer', present: () => anyFile('/usr/lib/libreoffice/program/libswlo.so') },
  { pkg: 'fonts-noto-cjk', what: 'a CJK font', present: () => /noto.*cjk/i.test(output('fc-list', [])) },
  { pkg: 'chromium', what: 'Chromium', present: () => anyFile('/usr/bin/chromium') },
  // Where printed words stand on the page (pdftotext -bbox): text printed off the paper.
  { pkg: 'poppler-utils', what: 'poppler (pdftotext)', present: () => anyFile('/usr/bin/pdftotext') },
  // The collection server's API suite runs on a throwaway PostgreSQL cluster too (or on DATABASE_URL).
  { pkg: 'postgresql', what: 'PostgreSQL', present: () => !!process.env.DATABASE_URL || (existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) },
];

const missing = NEEDS.filter((n) => !n.present());
if (missing.length > 0) {
  const pkgs = missing.map((n) => n.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !isRoot && existsSync('/usr/bin/apt-get') && ok('sudo', ['-n', 'true']);
  if (existsSync('/usr/bin/apt-get') && (isRoot || sudo)) {
    console.log(`测试需要的程序正在安装 / installing what the tests need: ${pkgs.join(' ')}`);
    const run = (args) => execFileSync(sudo ? 'sudo' : args[0], sudo ? ['-n', ...args] : args.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', ...pkgs]);
    const still = NEEDS.filter((n) => !n.present());
    if (still.length > 0) stop(still);
  } else stop(missing);
}

function stop(list) {
  const cmd = `sudo apt-get install -y ${list.map((n) => n.pkg).join(' ')}`;
  console.error(`缺少测试所需的程序（${list.map((n) => n.what).join('、')}），请先运行 / Missing ${list.map((n) => n.what).join(', ')} for the tests; run: ${cmd}`);
  process.exit(1);
}
