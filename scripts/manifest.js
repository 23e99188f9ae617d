/** The manifest for another origin: every https://localhost:3000/ URL rewritten to `baseUrl`. Used by webpack and the tests. */
const DEV_ORIGIN = 'https://localhost:3000/';

function manifestFor(xml, baseUrl) {
  if (!baseUrl) return xml;
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  if (!/^https:\/\/[^/\s"<>]+\/([^\s"<>]*\/)?$/.test(base)) throw new Error(`baseUrl must be an https URL, got ${baseUrl}`);
  return xml.split(DEV_ORIGIN).join(base).replace(/<!-- Development manifest[\s\S]*?-->\n?/, '');
}

module.exports = { manifestFor, DEV_ORIGIN };
