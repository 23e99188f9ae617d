import { parseReport } from '../src/model';
console.log(JSON.stringify([parseReport({ format: '2018', metadata: {}, tables: {} }), parseReport(null), parseReport('x')]));
