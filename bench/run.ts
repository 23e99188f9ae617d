/** `npm run bench`: prints figures and ratios; asserts nothing. */
import { benchValidate } from './validate';

benchValidate();
