/**
 * The 使用说明's pictures: taken by the browser tests from the real page (assets/help/*.png, copied
 * into the build), so they change when the page does. Commit them after a run that changed them.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

export const HELP_PICTURES = join(__dirname, '../../assets/help');

/** The element (or the visible page) as assets/help/<name>.png. */
export async function helpPicture(page: Page, name: string, selector?: string): Promise<void> {
  mkdirSync(HELP_PICTURES, { recursive: true });
  const path = join(HELP_PICTURES, `${name}.png`);
  if (selector) await page.locator(selector).first().screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, animations: 'disabled' });
}
