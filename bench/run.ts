/** `npm run bench`: prints figures and ratios; asserts nothing. */
import { benchAddin } from './addin';
import { benchCli } from './cli';
import { benchHostile } from './hostile';
import { benchPublish } from './publish';
import { benchServer } from './server';
import { benchStandalone } from './standalone';
import { benchHints, benchValidate } from './validate';
import { benchWorkbooks } from './workbooks';

(async () => {
  benchValidate();
  benchHints();
  await benchWorkbooks();
  await benchCli();
  await benchHostile();
  benchPublish();
  await benchAddin();
  await benchStandalone();
  await benchServer();
})();
