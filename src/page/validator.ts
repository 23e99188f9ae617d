/**
 * The standalone validator page (validator.html): the task pane's checks in a plain browser, for
 * offices that cannot install an add-in, use WPS or only receive files. It never loads office.js.
 */
import { wireCommon } from '../taskpane/common';
import { wireStandalone } from './standalone';

const page = wireStandalone();
wireCommon('browser', page.setPrevious);
