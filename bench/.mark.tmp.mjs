import { activateExtension } from './extensionInNode.mjs';
import { join } from 'node:path';
const r = activateExtension(join(process.cwd(),'dist/extension.marked.js'));
const m=globalThis.__marks; const t=performance.now();
const d=[];for(let i=0;i<m.length;i++){const end=i+1<m.length?m[i+1][1]:null; if(end) d.push([m[i][0],end-m[i][1]]);}
d.push(['<last module + activate>', t-m[m.length-1][1]]);
console.log(JSON.stringify(d));
process.exit(0);
