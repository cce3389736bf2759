import { activateExtension } from './extensionInNode.mjs';
const r = activateExtension();
console.log(JSON.stringify({act:r.activationMs}));
process.exit(0);
