/** Hostile input for tests and the bench: huge but harmless files. */
/** The workbook with `count` empty rows appended to 表三's sheet XML (a hostile file: huge, harmless). */
export async function withEmptyRows(bytes: Uint8Array, count: number): Promise<Uint8Array> {
  const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
  const parts = unzipSync(bytes);
  const sheet = Object.keys(parts).find((k) => k.startsWith('xl/worksheets/') && strFromU8(parts[k]!).includes('r="J30"'))!;
  const rows: string[] = [];
  for (let r = 100; r < 100 + count; r++) rows.push(`<row r="${r}"/>`);
  parts[sheet] = strToU8(strFromU8(parts[sheet]!).replace('</sheetData>', `${rows.join('')}</sheetData>`));
  return zipSync(parts);
}

/** About `chars` of HTML: tables nested 150 deep, each level beside 40 cells. */
export function nestedTablesHtml(chars: number): string {
  const cell = (d: number): string => (d === 0 ? '<td>1</td>' : `<td><table><tr>${'<td>x</td>'.repeat(40)}${cell(d - 1)}</tr></table></td>`);
  let html = '<html><body>';
  while (html.length < chars) html += `<table><tr>${cell(150)}</tr></table>`;
  return `${html}</body></html>`;
}
