import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
(async () => { const r = await generateCustomFunctionsMetadata('src/functions/functions.ts'); console.log(r.errors, r.metadataJson.slice(0, 1500)); })();
