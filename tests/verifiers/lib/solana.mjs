// Solana: the wire format (legacy and v0) written and read here, Ed25519 checked with @noble/curves.
import { ed25519 } from '@noble/curves/ed25519';
import { base58 } from '@scure/base';
import { Rejected, check, equalBytes, madeUp, text, base64Bytes } from './util.mjs';

const SignatureLength = 64;
const KeyLength = 32;
const VersionPrefix = 0x80;
const SystemProgram = new Uint8Array(KeyLength);
const TransferInstruction = 2;
const Lamports = 1_000_000n;

function compactU16(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>= 7;
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return bytes;
}

function key(request, name) {
  let bytes;
  try {
    bytes = base58.decode(text(request, name));
  } catch (error) {
    throw new Rejected(`${name} is not Base58: ${error.message}`);
  }
  check(bytes.length === KeyLength, `${name} is ${bytes.length} bytes, not ${KeyLength}`);
  return bytes;
}

/** A System Program transfer from the fee payer (the one required signer), with an all-zero signature slot. */
export function build(request) {
  const payer = key(request, 'feePayer');
  const version = request.version ?? 'legacy';
  check(version === 'legacy' || version === 'v0', `version ${version} is not legacy or v0`);
  const data = new Uint8Array(12);
  const view = new DataView(data.buffer);
  view.setUint32(0, TransferInstruction, true);
  view.setBigUint64(4, Lamports, true);
  const message = [
    ...(version === 'v0' ? [VersionPrefix] : []),
    1, 0, 1, // header: one required signer (the payer), no read-only signer, one read-only account (the program)
    ...compactU16(3), ...payer, ...madeUp('solana-recipient'), ...SystemProgram,
    ...madeUp('solana-blockhash'),
    ...compactU16(1), 2, ...compactU16(2), 0, 1, ...compactU16(data.length), ...data,
    ...(version === 'v0' ? compactU16(0) : []), // no address table lookups
  ];
  const wire = Uint8Array.from([...compactU16(1), ...new Uint8Array(SignatureLength), ...message]);
  return { serialized: Buffer.from(wire).toString('base64') };
}

/** Reads a wire transaction, consuming every byte: its signatures, the message bytes and the message's keys. */
function parse(wire) {
  let at = 0;
  const need = (n) => {
    check(at + n <= wire.length, 'the transaction is truncated');
    const bytes = wire.subarray(at, at + n);
    at += n;
    return bytes;
  };
  const readCompactU16 = () => {
    let value = 0;
    for (let shift = 0; shift < 21; shift += 7) {
      const byte = need(1)[0];
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Rejected('a compact-u16 is longer than 3 bytes');
  };
  const skipList = (width) => need(readCompactU16() * width);
  const signatureCount = readCompactU16();
  const signatures = Array.from({ length: signatureCount }, () => need(SignatureLength));
  const messageStart = at;
  const versioned = (wire[at] & VersionPrefix) !== 0;
  if (versioned) check(need(1)[0] === VersionPrefix, 'only message version 0 is known');
  const [requiredSignatures] = need(3);
  const keys = Array.from({ length: readCompactU16() }, () => need(KeyLength));
  need(32); // recent blockhash
  for (let count = readCompactU16(); count > 0; count--) {
    need(1);
    skipList(1);
    skipList(1);
  }
  if (versioned) {
    for (let count = readCompactU16(); count > 0; count--) {
      need(KeyLength);
      skipList(1);
      skipList(1);
    }
  }
  check(at === wire.length, 'the transaction has trailing bytes');
  check(signatureCount === requiredSignatures, `${signatureCount} signatures for ${requiredSignatures} required signers`);
  check(keys.length >= requiredSignatures, 'fewer account keys than required signers');
  return { signatures, message: wire.subarray(messageStart), signers: keys.slice(0, requiredSignatures) };
}

/** The signer is a required signer and its slot holds a valid Ed25519 signature over the message bytes (RFC 8032, strict). */
export function verify(request) {
  const signer = key(request, 'signer');
  const { signatures, message, signers } = parse(base64Bytes(request, 'signedTransaction'));
  const slot = signers.findIndex((candidate) => equalBytes(candidate, signer));
  check(slot >= 0, `${request.signer} is not among the ${signers.length} required signers`);
  check(ed25519.verify(signatures[slot], message, signer, { zip215: false }), `the signature in slot ${slot} does not verify over the message`);
}
