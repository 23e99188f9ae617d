/**
 * The files of the WPS add-in (WPS 加载项) besides the bundles: ribbon.xml (customUI), the add-in's
 * manifest.xml with its custom functions, functions.json in WPS's format (made from the Excel
 * metadata: one implementation, two metadata outputs), publish.xml for installing from a folder
 * (offline) and jsplugins.xml for serving it from an intranet server (online). Used by webpack and the tests.
 */
const NAME = 'xxgk';
const NAMESPACE = 'XXGK';

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The ribbon: a tab 政府信息公开 with the group 年报校验; its button opens the task pane. */
function ribbonXml() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" onLoad="OnAddinLoad">
  <ribbon startFromScratch="false">
    <tabs>
      <tab id="xxgkTab" label="政府信息公开">
        <group id="xxgkGroup" label="年报校验">
          <button id="xxgkOpenPane" label="年报校验" screentip="打开年报校验任务窗格：插入模板、校验、导出报送文件" onAction="OnAction" getImage="GetImage" size="large"/>
          <button id="xxgkHelp" label="使用说明" screentip="使用说明和审核规则说明" onAction="OnAction" getImage="GetImage" size="large"/>
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
`;
}

/** The add-in's own manifest (JsPlugin): where its custom functions are declared. */
function manifestXml(version) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<JsPlugin>
  <ApiVersion>1.0.0</ApiVersion>
  <Name>${NAME}</Name>
  <Description>政府信息公开工作年度报告：模板、校验与报送（${escape(version)}）</Description>
  <Functions>
    <Uri>/functions.json</Uri>
    <Namespace>${NAMESPACE}</Namespace>
  </Functions>
</JsPlugin>
`;
}

/** Excel's functions.json (custom-functions-metadata) → WPS's: types bool/number/string/any, matrices as T[][], optional as T?. */
function wpsFunctions(officeMetadata) {
  const type = (t, dimensionality, optional) => {
    const base = t === 'boolean' ? 'bool' : ['number', 'string', 'any'].includes(t) ? t : 'any';
    return `${base}${dimensionality === 'matrix' ? '[][]' : ''}${optional ? '?' : ''}`;
  };
  return {
    functions: officeMetadata.functions.map((f) => ({
      name: f.name,
      description: f.description ?? '',
      parameters: (f.parameters ?? []).map((p) => ({ name: p.name, description: p.description ?? '', type: type(p.type, p.dimensionality, p.optional) })),
      result: { type: type(f.result?.type ?? 'any', f.result?.dimensionality, false) },
    })),
  };
}

/** publish.xml beside the add-in folder in jsaddons: the offline installation. */
function publishXml(version) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jsplugin name="${NAME}" type="et" url="${NAME}_${escape(version)}" version="${escape(version)}" enable="enable_dev" install="null"/>
</jsplugins>
`;
}

/** jsplugins.xml for an intranet server (WPS's oem.ini JSPluginsServer points at it): the online deployment. */
function jspluginsXml(version, serverUrl) {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  if (!/^https?:\/\/[^\s"<>]+\/$/.test(base)) throw new Error(`wpsUrl must be an http(s) URL, got ${serverUrl}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jspluginonline name="${NAME}" type="et" url="${escape(base)}${NAME}_${escape(version)}/" version="${escape(version)}"/>
</jsplugins>
`;
}

module.exports = { NAME, NAMESPACE, ribbonXml, manifestXml, wpsFunctions, publishXml, jspluginsXml };
