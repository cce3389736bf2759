// Module customization hooks (node:module register): report every module URL Node loads, so the
// benchmark sees ES modules too (require.cache only lists CommonJS ones).
let port;
export function initialize(data) {
  port = data.port;
}
export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
