/* Builds the add-in: taskpane.html/js and functions.js/json, with the assets and the manifest. */
const path = require('path');
const fs = require('fs');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { manifestFor } = require('./scripts/manifest');

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const baseUrl = env.baseUrl || process.env.XXGK_BASE_URL || '';
  let https;
  if (env.serve) {
    try {
      // Development certificates; installing their CA needs sudo, but the files are usable without it.
      https = await require('office-addin-dev-certs').getHttpsServerOptions();
    } catch (e) {
      console.warn(`office-addin-dev-certs: ${e.message}; serving with a self-signed certificate instead`);
      https = true;
    }
  }
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      functions: './src/functions/functions.ts',
      // The task pane page loads both: it reuses what functions.js already holds (the model).
      taskpane: { import: './src/taskpane/taskpane.ts', dependOn: 'functions' },
    },
    output: { path: path.resolve(__dirname, 'dist/addin'), filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['functions', 'taskpane'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'assets/icons', to: 'assets/icons' },
          { from: 'assets/template-*.xlsx', to: 'assets/[name][ext]' },
          { from: 'assets/samples', to: 'assets/samples' },
          { from: 'assets/submission.schema.json', to: 'assets/submission.schema.json' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestFor(content.toString(), baseUrl) },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist/addin') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: env.serve ? { type: 'https', options: https === true ? {} : https } : 'http',
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      host: 'localhost',
      client: false,
      hot: false,
      liveReload: false,
    },
  };
};
