/**
 * Validates a manifest the way Office parses it: libxml2 (xmllint-wasm, no system package) against
 * Microsoft's published XSDs (test/fixtures/office-manifest, copied unchanged from ../shared/schemas).
 * fast-xml-parser is no check: it accepts what XML forbids, such as `--` inside a comment.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { validateXML } from 'xmllint-wasm';

const DIR = join(__dirname, '../fixtures/office-manifest');
const MAIN = 'OfficeAppManifestV1_1.xsd';

export async function manifestErrors(xml: string, fileName = 'manifest.xml'): Promise<string[]> {
  const preload = readdirSync(DIR)
    .filter((f) => f.endsWith('.xsd') && f !== MAIN)
    .map((f) => ({ fileName: f, contents: readFileSync(join(DIR, f), 'utf8') }));
  const r = await validateXML({ xml: [{ fileName, contents: xml }], schema: [{ fileName: MAIN, contents: readFileSync(join(DIR, MAIN), 'utf8') }], preload });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

/** XML forbids `--` inside a comment; Office refuses such a manifest ("Unable to parse the manifest file"). */
export function commentsWithDoubleHyphen(xml: string): string[] {
  return [...xml.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!).filter((c) => c.includes('--'));
}
