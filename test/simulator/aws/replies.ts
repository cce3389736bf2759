import { randomUUID } from 'node:crypto';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { SimResponse } from '../types';

/** Bedrock (restJson1) error: the SDK reads the code from `x-amzn-ErrorType`, the text from `message`. */
export function sendBedrockError(res: SimResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    'x-amzn-requestid': randomUUID(),
  });
  res.end(body);
}

export function sendBedrockJson(res: SimResponse, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': randomUUID() });
  res.end(payload);
}

export function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** STS (awsQuery) error document. */
export function sendStsError(res: SimResponse, status: number, code: string, message: string): void {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${STS_NS}">\n  <Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
  res.end(body);
}

/** STS success document: `<{Action}Response><{Action}Result>…</…Result><ResponseMetadata>…`. */
export function sendStsResult(res: SimResponse, action: string, resultXml: string): void {
  const requestId = randomUUID();
  const body =
    `<${action}Response xmlns="${STS_NS}">\n  <${action}Result>${resultXml}</${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n</${action}Response>\n`;
  res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
  res.end(body);
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });
/** The real service pads every event with a random-length `p` field; the SDK drops it. */
const padding = () => 'abcdefghijklmnopqrstuvwxyz'.slice(0, 4 + Math.floor(Math.random() * 20));

/** One `application/vnd.amazon.eventstream` message carrying a ConverseStream event. */
export function eventFrame(eventType: string, payload: Record<string, unknown>): Buffer {
  return Buffer.from(
    codec.encode({
      headers: { ':message-type': str('event'), ':event-type': str(eventType), ':content-type': str('application/json') },
      body: fromUtf8(JSON.stringify({ ...payload, p: padding() })),
    }),
  );
}

/** A modeled exception in the middle of a stream (e.g. `throttlingException`). */
export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return Buffer.from(
    codec.encode({
      headers: { ':message-type': str('exception'), ':exception-type': str(exceptionType), ':content-type': str('application/json') },
      body: fromUtf8(JSON.stringify({ message })),
    }),
  );
}
