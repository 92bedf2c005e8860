// Cosmos SDK SIGN_MODE_DIRECT: transactions built and SignDocs rebuilt with cosmjs-types, ECDSA checked with @noble/curves.
import { secp256k1 } from '@noble/curves/secp256k1';
import { ripemd160 } from '@noble/hashes/ripemd160';
import { sha256 } from '@noble/hashes/sha256';
import { bech32 } from '@scure/base';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx.js';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys.js';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing.js';
import { AuthInfo, SignDoc, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx.js';
import { Any } from 'cosmjs-types/google/protobuf/any.js';
import { check, decimal, equalBytes, hexBytes, madeUp, text, base64Bytes, toBase64 } from './util.mjs';

const PubKeyTypeUrl = '/cosmos.crypto.secp256k1.PubKey';
const MsgSendTypeUrl = '/cosmos.bank.v1beta1.MsgSend';

function address(publicKey) {
  return bech32.encode('cosmos', bech32.toWords(ripemd160(sha256(publicKey))));
}

function compressedKey(request) {
  const key = hexBytes(request, 'publicKey', 33);
  secp256k1.ProjectivePoint.fromHex(key).assertValidity();
  return key;
}

/** A TxBody with one MsgSend from the key's address, and an AuthInfo naming the key as its SIGN_MODE_DIRECT signer. */
export function build(request) {
  const publicKey = compressedKey(request);
  const send = MsgSend.fromPartial({
    fromAddress: address(publicKey),
    toAddress: address(secp256k1.getPublicKey(madeUp('cosmos-recipient'), true)),
    amount: [{ denom: 'uatom', amount: '1234567' }],
  });
  const body = TxBody.fromPartial({
    messages: [Any.fromPartial({ typeUrl: MsgSendTypeUrl, value: MsgSend.encode(send).finish() })],
    memo: 'arcanum',
  });
  const authInfo = AuthInfo.fromPartial({
    signerInfos: [{
      publicKey: Any.fromPartial({ typeUrl: PubKeyTypeUrl, value: PubKey.encode({ key: publicKey }).finish() }),
      modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
      sequence: decimal(request, 'sequence'),
    }],
    fee: { amount: [{ denom: 'uatom', amount: '5000' }], gasLimit: 200_000n },
  });
  return {
    bodyBytes: toBase64(TxBody.encode(body).finish()),
    authInfoBytes: toBase64(AuthInfo.encode(authInfo).finish()),
    chainId: text(request, 'chainId'),
    accountNumber: decimal(request, 'accountNumber').toString(),
  };
}

/** The AuthInfo's only signer is the key in SIGN_MODE_DIRECT, and the TxRaw's only signature verifies (low S) over SHA-256 of the rebuilt SignDoc. */
export function verify(request) {
  const publicKey = compressedKey(request);
  const raw = TxRaw.decode(base64Bytes(request, 'txRaw'));
  const [signer, ...others] = AuthInfo.decode(raw.authInfoBytes).signerInfos;
  check(signer && others.length === 0, 'the AuthInfo does not have exactly one signer');
  check(signer.publicKey?.typeUrl === PubKeyTypeUrl, `the signer's key type is ${signer.publicKey?.typeUrl}`);
  check(equalBytes(PubKey.decode(signer.publicKey.value).key, publicKey), "the AuthInfo's signer key is not the public key");
  check(signer.modeInfo?.single?.mode === SignMode.SIGN_MODE_DIRECT, 'the signer mode is not SIGN_MODE_DIRECT');
  check(raw.signatures.length === 1 && raw.signatures[0].length === 64, 'the TxRaw does not carry exactly one 64-byte signature');
  const signDoc = SignDoc.encode(SignDoc.fromPartial({
    bodyBytes: raw.bodyBytes,
    authInfoBytes: raw.authInfoBytes,
    chainId: text(request, 'chainId'),
    accountNumber: decimal(request, 'accountNumber'),
  })).finish();
  const valid = secp256k1.verify(raw.signatures[0], sha256(signDoc), publicKey, { lowS: true, prehash: false, format: 'compact' });
  check(valid, 'the signature does not verify over SHA-256(SignDoc) (low S)');
}
