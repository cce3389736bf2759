import { describe, expect, it } from 'vitest';
import { networkRouteFrom, proxyFor } from '../../src/core/net/networkRoute';

describe('the network route from the editor settings and environment', () => {
  it('http.proxy wins over HTTPS_PROXY; NO_PROXY adds to http.noProxy', () => {
    const route = networkRouteFrom({ proxy: 'http://corp-proxy:3128', noProxy: ['intranet.example'] }, { HTTPS_PROXY: 'http://env-proxy:8080', NO_PROXY: 'localhost, .internal' });
    expect(route.proxy).toBe('http://corp-proxy:3128');
    expect(route.noProxy).toEqual(['intranet.example', 'localhost', '.internal']);
    expect(route.strictSSL).toBe(true);
  });

  it('without http.proxy the environment names the proxy (lower case too); http.proxyStrictSSL false turns checks off', () => {
    expect(networkRouteFrom({ proxy: '' }, { https_proxy: 'http://env-proxy:8080' }).proxy).toBe('http://env-proxy:8080');
    expect(networkRouteFrom({ proxyStrictSSL: false }, {}).strictSSL).toBe(false);
    expect(networkRouteFrom({}, {}).proxy).toBeUndefined();
  });

  it('a host in noProxy (itself, a subdomain, a port, *) goes straight; others go through the proxy', () => {
    const route = networkRouteFrom({ proxy: 'corp-proxy:3128', noProxy: ['example.com', '*.internal', 'gateway.test:8443'] }, {});
    expect(proxyFor(route, 'https://api.openai.com/v1')?.href).toBe('http://corp-proxy:3128/');
    expect(proxyFor(route, 'https://example.com/v1')).toBeUndefined();
    expect(proxyFor(route, 'https://api.example.com/v1')).toBeUndefined();
    expect(proxyFor(route, 'https://notexample.com/v1')).toBeDefined();
    expect(proxyFor(route, 'https://llm.internal/v1')).toBeUndefined();
    expect(proxyFor(route, 'https://gateway.test:8443/v1')).toBeUndefined();
    expect(proxyFor(route, 'https://gateway.test/v1')).toBeDefined();
    expect(proxyFor({ ...route, noProxy: ['*'] }, 'https://api.openai.com')).toBeUndefined();
  });
});
