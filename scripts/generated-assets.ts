import { formatCatalogue, submissionJsonSchema } from '../src/model';

/** Every file generated from the model, by path: `npm run gen:assets` writes them, a test compares them. */
export function generatedAssets(): Record<string, string> {
  return {
    'assets/submission.schema.json': `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`,
    'assets/formats.json': `${JSON.stringify(formatCatalogue(), null, 2)}\n`,
  };
}
