// Runtime half of temporal-api.d.ts. @temporalio/proto is CommonJS whose exports Node cannot list
// statically (`module.exports = patchProtobufRoot(root)`), so `import { temporal } from
// '@temporalio/proto'` fails under plain Node ESM (tsx, `npm start`) although bundlers accept it.
// This module takes the default export (the whole root) and names its top-level namespaces.
import root from '@temporalio/proto';

export const temporal = root.temporal;
export const google = root.google;
