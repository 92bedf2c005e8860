// Shared glue: strict decoding of request fields and a failure type that the dispatcher reports as ok:false.
import { sha256 } from '@noble/hashes/sha256';
import { utf8ToBytes } from '@noble/hashes/utils';

/** A verification that ran and found the input wrong; the message becomes the reason. */
export class Rejected extends Error {}

/** Throws Rejected with `reason` unless `condition` holds. */
export function check(condition, reason) {
  if (!condition) throw new Rejected(reason);
}

/** The string field `name` of `request`; throws when it is missing or not a string. */
export function text(request, name) {
  const value = request[name];
  if (typeof value !== 'string' || value.length === 0) throw new Rejected(`${name} is missing or not a string`);
  return value;
}

/** Hex (no 0x) of an exact byte length when `length` is given. */
export function hexBytes(request, name, length) {
  const value = text(request, name);
  if (!/^([0-9a-fA-F]{2})+$/.test(value)) throw new Rejected(`${name} is not hexadecimal`);
  const bytes = Uint8Array.from(Buffer.from(value, 'hex'));
  if (length !== undefined && bytes.length !== length) throw new Rejected(`${name} is ${bytes.length} bytes, not ${length}`);
  return bytes;
}

/** Canonical Base64: decodes and re-encodes to the same text. */
export function base64Bytes(request, name) {
  const value = text(request, name);
  const bytes = Uint8Array.from(Buffer.from(value, 'base64'));
  if (Buffer.from(bytes).toString('base64') !== value) throw new Rejected(`${name} is not canonical Base64`);
  return bytes;
}

/** An unsigned 64-bit decimal string as a bigint. */
export function decimal(request, name) {
  const value = text(request, name);
  if (!/^(0|[1-9][0-9]*)$/.test(value) || BigInt(value) >= 1n << 64n) throw new Rejected(`${name} is not a 64-bit decimal integer`);
  return BigInt(value);
}

/** 32 deterministic bytes for made-up values (txids, blockhashes, other parties' keys). */
export function madeUp(label) {
  return sha256(utf8ToBytes(`arcanum-verifiers:${label}`));
}

export function equalBytes(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export const toHex = (bytes) => Buffer.from(bytes).toString('hex');
export const toBase64 = (bytes) => Buffer.from(bytes).toString('base64');
