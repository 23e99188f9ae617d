/** `npm run bench`: prints figures and ratios; asserts nothing. */
import { benchAddin } from './addin';
import { benchStandalone } from './standalone';
import { benchValidate } from './validate';
import { benchWorkbooks } from './workbooks';

(async () => {
  benchValidate();
  await benchWorkbooks();
  await benchAddin();
  await benchStandalone();
})();
