// Bitcoin: unsigned PSBTs built with bitcoinjs-lib, and signatures checked with bitcoinjs-lib's sighashes
// (BIP143, BIP341) and tiny-secp256k1.
import * as ecc from 'tiny-secp256k1';
import { Psbt, Transaction, crypto, initEccLib, networks, payments, script } from 'bitcoinjs-lib';
import { Rejected, check, equalBytes, madeUp, text, toHex } from './util.mjs';

initEccLib(ecc);

const InputAmount = 100_000n;
const PaymentAmount = 60_000n;
const Fee = 1_000n;

function network(request) {
  const name = request.network ?? 'bitcoin';
  const found = { bitcoin: networks.bitcoin, testnet: networks.testnet, regtest: networks.regtest }[name];
  if (!found) throw new Rejected(`network ${name} is not bitcoin, testnet or regtest`);
  return found;
}

/** A compressed public key derived from a label, for payments that are not ours. */
function otherKey(label) {
  return Buffer.from(ecc.pointFromScalar(madeUp(label), true));
}

function spentScript(input, index) {
  switch (input?.type) {
    case 'p2wpkh':
      return payments.p2wpkh({ pubkey: Buffer.from(input.publicKey ?? '', 'hex') }).output;
    case 'p2tr':
      // With internalKey, bitcoinjs-lib applies the BIP86 tweak itself (no script tree); else outputKey is the tweaked key.
      return input.internalKey !== undefined
        ? payments.p2tr({ internalPubkey: Buffer.from(input.internalKey, 'hex') }).output
        : payments.p2tr({ pubkey: Buffer.from(input.outputKey ?? '', 'hex') }).output;
    case 'p2wpkh-foreign':
      return payments.p2wpkh({ pubkey: otherKey(`foreign-input-${index}`) }).output;
    default:
      throw new Rejected(`input ${index}: type ${input?.type} is not p2wpkh, p2tr or p2wpkh-foreign`);
  }
}

/** An unsigned PSBT spending one made-up 100 000-sat output per input (its txid a hash of the spent script), paying 60 000 sat and change, less a fee. */
export function build(request) {
  const net = network(request);
  const inputs = request.inputs;
  check(Array.isArray(inputs) && inputs.length > 0, 'inputs must be a non-empty array');
  const psbt = new Psbt({ network: net });
  psbt.setVersion(2);
  inputs.forEach((input, index) => {
    const spent = spentScript(input, index);
    psbt.addInput({
      hash: Buffer.from(madeUp(`txid-${index}-${toHex(spent)}`)),
      index,
      sequence: 0xfffffffd,
      witnessUtxo: { script: spent, value: InputAmount },
    });
  });
  const change = InputAmount * BigInt(inputs.length) - PaymentAmount - Fee;
  psbt.addOutput({ script: payments.p2wpkh({ pubkey: otherKey('payee') }).output, value: PaymentAmount });
  if (change > 0n) psbt.addOutput({ script: payments.p2wpkh({ pubkey: otherKey('change') }).output, value: change });
  return { psbt: psbt.toBase64() };
}

/** BIP141 witness serialization: a count, then length-prefixed items, consumed exactly. */
function readWitness(bytes) {
  const items = [];
  let at = 0;
  const varint = () => {
    check(at < bytes.length, 'final_script_witness is truncated');
    const first = bytes[at++];
    if (first < 0xfd) return first;
    const width = { 0xfd: 2, 0xfe: 4, 0xff: 8 }[first];
    check(at + width <= bytes.length, 'final_script_witness is truncated');
    let value = 0;
    for (let i = width - 1; i >= 0; i--) value = value * 256 + bytes[at + i];
    at += width;
    return value;
  };
  const count = varint();
  for (let i = 0; i < count; i++) {
    const length = varint();
    check(at + length <= bytes.length, 'final_script_witness is truncated');
    items.push(bytes.subarray(at, at + length));
    at += length;
  }
  check(at === bytes.length, 'final_script_witness has trailing bytes');
  return items;
}

function isP2wpkh(program) {
  return program.length === 22 && program[0] === 0x00 && program[1] === 0x14;
}

function isP2tr(program) {
  return program.length === 34 && program[0] === 0x51 && program[1] === 0x20;
}

/** Checks one input's witness of `tx` against its prevout, given every prevout (BIP143 / BIP341). */
function checkWitness(tx, index, witness, prevouts) {
  const { script: program, value } = prevouts[index];
  if (isP2wpkh(program)) {
    check(witness.length === 2, `a P2WPKH witness has 2 items, not ${witness.length}`);
    const [encoded, publicKey] = witness;
    check(equalBytes(crypto.hash160(publicKey), program.subarray(2)), 'the witness public key does not hash to the prevout program');
    const { signature, hashType } = script.signature.decode(encoded);
    const scriptCode = payments.p2pkh({ hash: program.subarray(2) }).output;
    const sighash = tx.hashForWitnessV0(index, scriptCode, value, hashType);
    check(ecc.verify(sighash, publicKey, signature, true), 'the ECDSA signature does not verify (BIP143, low S)');
  } else if (isP2tr(program)) {
    check(witness.length === 1, `a P2TR key-path witness has 1 item, not ${witness.length}`);
    const [signature] = witness;
    check(signature.length === 64 || (signature.length === 65 && signature[64] !== 0), 'a BIP341 signature is 64 bytes, or 65 with a non-default sighash type');
    const hashType = signature.length === 65 ? signature[64] : Transaction.SIGHASH_DEFAULT;
    const sighash = tx.hashForWitnessV1(index, prevouts.map((p) => p.script), prevouts.map((p) => p.value), hashType);
    check(ecc.verifySchnorr(sighash, program.subarray(2), signature.subarray(0, 64)), 'the BIP340 signature does not verify under the output key (BIP341)');
  } else {
    throw new Rejected('the prevout is neither P2WPKH nor P2TR');
  }
}

function inputIndices(request, count) {
  const indices = request.expectSigned ?? [];
  check(Array.isArray(indices) && indices.every((i) => Number.isInteger(i) && i >= 0 && i < count), `expectSigned must list input indices below ${count}`);
  return indices;
}

/** Every input in expectSigned is validly signed in the PSBT; the signed transaction, if given, is this PSBT's and every witness verifies. */
export function verify(request) {
  const psbt = Psbt.fromBase64(text(request, 'psbt'), { network: network(request) });
  const unsigned = Transaction.fromBuffer(psbt.data.globalMap.unsignedTx.toBuffer());
  const prevouts = psbt.data.inputs.map((input, index) => {
    check(input.witnessUtxo, `input ${index}: no witness_utxo`);
    return input.witnessUtxo;
  });
  for (const index of inputIndices(request, prevouts.length)) {
    const input = psbt.data.inputs[index];
    try {
      if (input.finalScriptWitness) {
        checkWitness(unsigned, index, readWitness(input.finalScriptWitness), prevouts);
      } else {
        // bitcoinjs-lib finds a key-path signature's key only through tap_internal_key unless it is told the
        // output key, which the prevout names; a P2WPKH input's partial_sig entries name their keys.
        const outputKey = isP2tr(prevouts[index].script) ? prevouts[index].script.subarray(2) : undefined;
        check(psbt.validateSignaturesOfInput(index, validator, outputKey), 'a signature does not verify');
      }
    } catch (error) {
      throw new Rejected(`input ${index}: ${error.message}`);
    }
  }
  if (request.signedTransaction != null) verifySignedTransaction(text(request, 'signedTransaction'), unsigned, prevouts, psbt);
}

/** bitcoinjs-lib's callback for PSBT signatures: ECDSA (low S) for 33-byte keys, BIP340 for x-only keys. */
function validator(publicKey, sighash, signature) {
  return publicKey.length === 32 ? ecc.verifySchnorr(sighash, publicKey, signature) : ecc.verify(sighash, publicKey, signature, true);
}

function verifySignedTransaction(hex, unsigned, prevouts, psbt) {
  check(/^([0-9a-fA-F]{2})+$/.test(hex), 'signedTransaction is not hexadecimal');
  const tx = Transaction.fromHex(hex);
  check(tx.toHex() === hex.toLowerCase(), 'signedTransaction does not re-serialize to the same bytes');
  check(tx.getId() === unsigned.getId(), `signedTransaction has txid ${tx.getId()}, the PSBT ${unsigned.getId()}`);
  tx.ins.forEach((input, index) => {
    try {
      checkWitness(tx, index, input.witness, prevouts);
    } catch (error) {
      throw new Rejected(`signedTransaction input ${index}: ${error.message}`);
    }
  });
  if (psbt.data.inputs.every((input) => input.finalScriptWitness)) {
    check(psbt.extractTransaction(true).toHex() === tx.toHex(), 'signedTransaction differs from the transaction bitcoinjs-lib extracts from the PSBT');
  }
}
