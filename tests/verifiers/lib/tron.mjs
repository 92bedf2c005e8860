// Tron: raw_data protobuf written by hand, txID and signer recovery checked with @noble/curves and @noble/hashes.
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha256';
import { keccak_256 } from '@noble/hashes/sha3';
import { utf8ToBytes } from '@noble/hashes/utils';
import { createBase58check } from '@scure/base';
import { Rejected, check, equalBytes, hexBytes, madeUp, text, toHex } from './util.mjs';

const base58check = createBase58check(sha256);
const AddressPrefix = 0x41;
const TransferContractType = 1;
const TransferTypeUrl = 'type.googleapis.com/protocol.TransferContract';
const Timestamp = 1_700_000_000_000n;

function varint(value) {
  const bytes = [];
  let rest = BigInt(value);
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0n);
  return bytes;
}

const varintField = (field, value) => [...varint((field << 3) | 0), ...varint(value)];
const bytesField = (field, bytes) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];

function addressOf(publicKeyUncompressed) {
  return base58check.encode(Uint8Array.from([AddressPrefix, ...keccak_256(publicKeyUncompressed.subarray(1)).subarray(12)]));
}

function decodeAddress(request) {
  let bytes;
  try {
    bytes = base58check.decode(text(request, 'address'));
  } catch (error) {
    throw new Rejected(`address is not Base58Check: ${error.message}`);
  }
  check(bytes.length === 21 && bytes[0] === AddressPrefix, 'address is not a 21-byte 0x41 Tron address');
  return bytes;
}

/** A TransferContract raw_data from the address to another, with made-up reference block and times. */
export function build(request) {
  const owner = decodeAddress(request);
  const recipient = base58check.decode(addressOf(secp256k1.getPublicKey(madeUp('tron-recipient'), false)));
  const transfer = [...bytesField(1, owner), ...bytesField(2, recipient), ...varintField(3, 1_000_000)];
  const parameter = [...bytesField(1, utf8ToBytes(TransferTypeUrl)), ...bytesField(2, transfer)];
  const contract = [...varintField(1, TransferContractType), ...bytesField(2, parameter)];
  const rawData = [
    ...bytesField(1, madeUp('tron-ref-block').subarray(0, 2)),
    ...bytesField(4, madeUp('tron-ref-block').subarray(8, 16)),
    ...varintField(8, Timestamp + 60_000n),
    ...bytesField(11, contract),
    ...varintField(14, Timestamp),
  ];
  return { rawDataHex: toHex(rawData) };
}

/** txID is SHA-256(raw_data), and r ‖ s ‖ v over it recovers the key of the address. */
export function verify(request) {
  const rawData = hexBytes(request, 'rawDataHex');
  const txId = hexBytes(request, 'txID', 32);
  const expected = base58check.encode(decodeAddress(request));
  check(equalBytes(sha256(rawData), txId), 'txID is not SHA-256 of raw_data');
  const signature = hexBytes(request, 'signature', 65);
  const v = signature[64] >= 27 ? signature[64] - 27 : signature[64];
  check(v === 0 || v === 1, `v ${signature[64]} is not 0, 1, 27 or 28`);
  const recovered = secp256k1.Signature.fromCompact(signature.subarray(0, 64)).addRecoveryBit(v).recoverPublicKey(txId);
  const address = addressOf(recovered.toRawBytes(false));
  check(address === expected, `the signature recovers ${address}, not ${expected}`);
}
