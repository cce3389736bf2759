import https from 'node:https';
import type net from 'node:net';
import { Duplex } from 'node:stream';

/**
 * An HTTPS agent for a warm-up whose connections are streams inside this process: Node's HTTP
 * client and the AWS SDK's Node handler run their whole path (writing the request, parsing the
 * answer) while `fetch` (in-process answers) answers each request. No socket is opened.
 */
export function inProcessAgent(fetch: typeof globalThis.fetch): https.Agent {
  const agent = new https.Agent({ keepAlive: false });
  agent.createConnection = () => new InProcessSocket(fetch) as unknown as net.Socket;
  return agent;
}

/** One HTTP/1.1 exchange: collects the request's bytes, then pushes the answer's bytes back. */
class InProcessSocket extends Duplex {
  /** Read by Node's HTTP client and the SDK's handler: "connected" from the start. */
  readonly connecting = false;
  private received = Buffer.alloc(0);

  constructor(private readonly fetch: typeof globalThis.fetch) {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.received = Buffer.concat([this.received, chunk]);
    callback();
    this.answerOnceComplete();
  }

  private answerOnceComplete(): void {
    const headEnd = this.received.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const [requestLine = '', ...lines] = this.received.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers = new Headers(lines.map((line): [string, string] => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
    const length = Number(headers.get('content-length') ?? 0);
    if (this.received.length < headEnd + 4 + length) return;
    const body = this.received.subarray(headEnd + 4, headEnd + 4 + length);
    this.received = Buffer.alloc(0);
    const [method = 'GET', path = '/'] = requestLine.split(' ');
    this.fetch(`https://${headers.get('host') ?? 'localhost'}${path}`, { method, headers, body: length ? body : undefined }).then(
      async (answer) => {
        const payload = Buffer.from(await answer.arrayBuffer());
        const head = [`HTTP/1.1 ${answer.status} ${answer.statusText || 'OK'}`];
        answer.headers.forEach((value, name) => name !== 'content-length' && name !== 'connection' && head.push(`${name}: ${value}`));
        head.push(`content-length: ${payload.length}`, 'connection: close', '', '');
        this.push(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), payload]));
      },
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }

  // What Node's HTTP client and the SDK's handler call on a socket; nothing to do in-process.
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
