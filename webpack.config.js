/*
 * Builds the add-in and the standalone validator: taskpane.html (inside Office: office.js by tag,
 * functions.js and taskpane.js on one shared runtime), functions.json, validator.html (a plain
 * browser page that never loads office.js), the assets and the manifest.
 *
 * --env baseUrl=https://host/path/   the origin the manifest points at (default https://localhost:3000/)
 * --env officeJs=global|legacy|china|local|URL
 *     global (default): Microsoft's documented CDN (officeapis.public.onecdn.static.microsoft, since
 *     September 2026: office-js-docs-pr #5882); legacy: the former appsforoffice.microsoft.com;
 *     china: Microsoft 365 operated by 21Vianet (世纪互联); local: served from the add-in's own folder
 *     (office-js/, copied from the @microsoft/office-js package) for intranets without internet;
 *     or any https URL of office.js.
 */
const path = require('path');
const fs = require('fs');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { manifestFor } = require('./scripts/manifest');

/** Printed once when `npm start` is serving: how to load the add-in where it cannot be sideloaded from here. */
class HowToLoad {
  constructor(scheme = 'https') {
    this.scheme = scheme;
  }
  apply(compiler) {
    let shown = false;
    compiler.hooks.done.tap('HowToLoad', () => {
      if (shown) return;
      shown = true;
      const origin = `${this.scheme}://localhost:3000`;
      console.log(`
  独立校验页面 / standalone validator: ${origin}/validator.html  ← 在浏览器中打开，下载模板、校验填好的工作簿
  Excel 加载项任务窗格 / add-in task pane: ${origin}/taskpane.html（manifest: ${origin}/manifest.xml；只在 Excel 中使用 / inside Excel only）
  ${process.platform === 'linux' ? `  此系统上没有 Excel，无法自动旁加载。No Excel on this system, so nothing is sideloaded. To try it:
    · Excel 网页版 / on the web: 插入 > 加载项 > 上传我的加载项, choose manifest.xml (Insert > Add-ins > Upload My Add-in)
    · Windows: 把 manifest.xml 放到共享文件夹并设为受信任的加载项目录 (shared-folder catalog), or run npx office-addin-debugging start manifest.xml
    · Mac: 复制 manifest.xml 到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
  浏览器访问时需信任开发证书（~/.office-addin-dev-certs/ca.crt）。Trust the development CA in ~/.office-addin-dev-certs/ca.crt.` : '  Sideload: npx office-addin-debugging start manifest.xml desktop'}
`);
    });
  }
}

const OFFICE_JS = {
  // Where Microsoft documents office.js since September 2026 (office-js-docs-pr #5882, office-js-snippets #1119).
  global: 'https://officeapis.public.onecdn.static.microsoft/1/office.js',
  legacy: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  // 政务外网 and intranet offices: office.js and the files it loads, from the add-in's own folder.
  local: 'office-js/office.js',
  // Microsoft 365 operated by 21Vianet (世纪互联) cannot reach the global CDN.
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};

/** The office.js address chosen at build time: `global` (default), `legacy`, `china`, `local`, or an https URL. */
function officeJsUrl(option) {
  const url = OFFICE_JS[option || 'global'] || option;
  if (url !== OFFICE_JS.local && !/^https:\/\/[^/\s"<>]+\/[^\s"<>]*office\.js$/.test(url)) throw new Error(`officeJs must be global, legacy, china, local or an https URL of office.js, got ${option}`);
  return url;
}

/** What office.js needs beside it to run in Excel, copied with `officeJs=local`. */
const OFFICE_JS_LOCAL_FILES = ['office.js', 'excel*.js', 'custom-functions-runtime.js', 'es6-promise.js', 'o15apptofilemappingtable.js', 'zh-cn/**', 'zh-tw/**', 'zh-hk/**', 'en-us/**', 'agaveerrorux/**'];

/** The origin the task pane's CSP must allow for office.js: none when it is served with the add-in. */
const officeJsOrigin = (url) => (/^https:/.test(url) ? new URL(url).origin : '');

/** The task pane may load office.js and let it fetch its own resources from its CDN, and nothing else outside this origin. */
const cspFor = (cdn) =>
  `default-src 'self'; script-src 'self'${cdn ? ` ${cdn}` : ''}; style-src 'self' 'unsafe-inline'${cdn ? ` ${cdn}` : ''}; img-src 'self' data: blob:${cdn ? ` ${cdn}` : ''}; connect-src 'self' blob:${cdn ? ` ${cdn}` : ''}; frame-src 'self'${cdn ? ` ${cdn}` : ''}; object-src 'none'; base-uri 'self'; form-action 'none'`;

/** TypeScript through ts-loader (transpile only: `npm run typecheck` checks types). */
const tsRules = (dev) => [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', sourceMap: dev } } } }];

/** What every build copies beside its pages: the stylesheet, the help, the icons, the templates. */
const PAGE_FILES = [
  { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
  { from: 'src/taskpane/help.html', to: 'help.html' },
  { from: 'src/board/board.css', to: 'board.css' },
  // 审核规则说明, generated from the rule catalogue with examples run by the validator (npm run gen:assets).
  { from: 'assets/rules-guide.html', to: 'rules.html' },
  // The 使用说明's pictures, taken by the browser tests from the real page.
  { from: 'assets/help', to: 'assets/help', noErrorOnMissing: true },
  { from: 'assets/icons', to: 'assets/icons' },
  { from: 'assets/template-*.xlsx', to: 'assets/[name][ext]' },
];

/**
 * The WPS 表格 add-in (--env wps): dist/wps/xxgk_<version>/ (index.html + main.js for the ribbon and
 * the custom functions, taskpane.html without office.js, ribbon.xml, manifest.xml, functions.json in
 * WPS's format, the assets), and beside it publish.xml (offline) and jsplugins.xml (online,
 * --env wpsUrl=http://server/path/).
 */
function wpsConfig(env, dev) {
  const wps = require('./scripts/wps-addon');
  const { version } = require('./package.json');
  const root = path.resolve(__dirname, env.outDir || 'dist/wps');
  const folder = path.join(root, `${wps.NAME}_${version}`);
  class WpsFiles {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap('WpsFiles', (compilation) => {
        compilation.hooks.processAssets.tap({ name: 'WpsFiles', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
          const { RawSource } = compiler.webpack.sources;
          const office = compilation.getAsset('office-functions.json');
          if (!office) throw new Error('custom functions metadata missing');
          compilation.emitAsset('functions.json', new RawSource(`${JSON.stringify(wps.wpsFunctions(JSON.parse(office.source.source().toString())), null, 2)}\n`));
          compilation.deleteAsset('office-functions.json');
          compilation.emitAsset('ribbon.xml', new RawSource(wps.ribbonXml()));
          compilation.emitAsset('manifest.xml', new RawSource(wps.manifestXml(version)));
        });
      });
      compiler.hooks.afterEmit.tap('WpsFiles', () => {
        fs.writeFileSync(path.join(root, 'publish.xml'), wps.publishXml(version));
        fs.writeFileSync(path.join(root, 'jsplugins.xml'), wps.jspluginsXml(version, env.wpsUrl || process.env.XXGK_WPS_URL || 'http://127.0.0.1:3889/'));
      });
    }
  }
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: { main: './src/host/wps/main.ts', taskpane: './src/taskpane/taskpane.ts' },
    output: { path: folder, filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: tsRules(dev) },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'office-functions.json', input: './src/functions/functions.ts' }),
      // WPS loads index.html when it starts: it runs main.js (ribbon callbacks, custom functions).
      new HtmlWebpackPlugin({ filename: 'index.html', templateContent: '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>xxgk</title></head><body></body></html>', chunks: ['main'], inject: 'head', scriptLoading: 'blocking' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], officeJs: '', csp: cspFor(''), pageTitle: '政府信息公开年报校验' }),
      new CopyWebpackPlugin({ patterns: PAGE_FILES }),
      new WpsFiles(),
    ],
  };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  if (env.wps) return wpsConfig(env, dev);
  const baseUrl = env.baseUrl || process.env.XXGK_BASE_URL || '';
  const officeJs = officeJsUrl(env.officeJs || process.env.XXGK_OFFICE_JS);
  let https;
  // `npm run start:page`: plain http on localhost for the standalone page, which needs no Office and no certificate.
  if (env.serve && env.http) https = undefined;
  else if (env.serve) {
    try {
      // Development certificates; installing their CA needs sudo, but the files are usable without it.
      https = await require('office-addin-dev-certs').getHttpsServerOptions();
    } catch (e) {
      // The CA could not be installed (no sudo), but the certificate files it wrote are usable.
      const dir = path.join(require('os').homedir(), '.office-addin-dev-certs');
      const file = (name) => path.join(dir, name);
      // Said plainly: the browser will refuse the page (ERR_CERT_AUTHORITY_INVALID) until the CA is trusted.
      console.warn(`
  开发证书的 CA 未能安装（需要管理员权限 / sudo）：浏览器会提示证书不受信任（ERR_CERT_AUTHORITY_INVALID）。
  The development CA was NOT installed (it needs sudo). Trust it once with:
    sudo cp ~/.office-addin-dev-certs/ca.crt /usr/local/share/ca-certificates/office-addin-dev.crt && sudo update-ca-certificates
  or, for the standalone page only (no Office needed): npm run start:page  →  http://localhost:3000/validator.html
`);
      if (['localhost.crt', 'localhost.key', 'ca.crt'].every((f) => fs.existsSync(file(f)))) {
        https = { cert: fs.readFileSync(file('localhost.crt')), key: fs.readFileSync(file('localhost.key')), ca: fs.readFileSync(file('ca.crt')) };
      } else {
        console.warn(`office-addin-dev-certs: ${e.message.trim()}; serving with a self-signed certificate instead`);
        https = true;
      }
    }
  }
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      functions: './src/functions/functions.ts',
      // The task pane page loads both: it reuses what functions.js already holds (the model).
      taskpane: { import: './src/taskpane/taskpane.ts', dependOn: 'functions' },
      validator: './src/page/validator.ts',
      // The standalone page reads files in a Web Worker: its lazy chunks load with importScripts.
      'open-worker': { import: './src/page/open-worker.ts', chunkLoading: 'import-scripts' },
      // The supervising office's board, served by `xxgk serve` (board.html).
      board: './src/board/board.ts',
    },
    output: { path: path.resolve(__dirname, env.outDir || 'dist/addin'), filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: tsRules(dev) },
    performance: { hints: false },
    plugins: [
      ...(env.serve ? [new HowToLoad(env.http ? 'http' : 'https')] : []),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'taskpane'],
        officeJs,
        csp: cspFor(officeJsOrigin(officeJs)),
        pageTitle: '政府信息公开年报校验',
      }),
      new HtmlWebpackPlugin({ filename: 'board.html', template: './src/board/board.html', chunks: ['board'], csp: cspFor(''), inject: 'body' }),
      new HtmlWebpackPlugin({ filename: 'validator.html', template: './src/taskpane/taskpane.html', chunks: ['validator'], officeJs: '', csp: cspFor(''), pageTitle: '政府信息公开年报校验（独立校验页面）' }),
      new CopyWebpackPlugin({
        patterns: [
          ...PAGE_FILES,
          // office.js served by the add-in itself, byte for byte (not minified again): what it loads for Excel (its host scripts, the Chinese
          // and English strings, its error page, the custom-functions runtime); no debug builds, no telemetry.
          ...(officeJs === OFFICE_JS.local ? OFFICE_JS_LOCAL_FILES.map((from) => ({ from, to: 'office-js', context: 'node_modules/@microsoft/office-js/dist', globOptions: { ignore: ['**/*.debug.js'] }, info: { minimized: true } })) : []),
          { from: 'assets/samples', to: 'assets/samples' },
          { from: 'assets/submission.schema.json', to: 'assets/submission.schema.json' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestFor(content.toString(), baseUrl) },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist/addin') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: env.serve && !env.http ? { type: 'https', options: https === true ? {} : https } : 'http',
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      host: 'localhost',
      client: false,
      hot: false,
      liveReload: false,
    },
  };
};
