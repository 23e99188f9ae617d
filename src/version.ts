/** The product's version: the CLI, the task pane and the standalone page write it into every submission. Kept equal to package.json's (a test checks). */
export const VERSION = '0.1.0';
