// EVM: signed transactions, EIP-191 personal_sign and EIP-712 typed data, checked with ethers v6.
import { Transaction, TypedDataEncoder, getAddress, getBytes, verifyMessage, verifyTypedData } from 'ethers';
import { check, decimal, text } from './util.mjs';

function expectedAddress(request) {
  const address = text(request, 'address');
  try {
    return getAddress(address);
  } catch (error) {
    check(false, `address is not an Ethereum address: ${error.shortMessage ?? error.message}`);
  }
}

function sameSigner(recovered, expected) {
  check(recovered === expected, `the signature recovers ${recovered}, not ${expected}`);
}

/** The raw transaction parses, is signed, re-serializes identically, and comes from `address` on `chainId`. */
export function verifyTransaction(request) {
  const raw = text(request, 'signedTransaction');
  const expected = expectedAddress(request);
  const chainId = decimal(request, 'chainId');
  const tx = Transaction.from(raw);
  check(tx.isSigned(), 'the transaction is not signed');
  check(tx.serialized === raw.toLowerCase(), 'the transaction does not re-serialize to the same bytes');
  check(tx.chainId === chainId, `the transaction is for chain id ${tx.chainId}, not ${chainId}`);
  sameSigner(tx.from, expected);
}

/** EIP-191: the signature over the message bytes recovers `address`. */
export function verifyPersonal(request) {
  const expected = expectedAddress(request);
  sameSigner(verifyMessage(getBytes(text(request, 'message')), text(request, 'signature')), expected);
}

/** EIP-712 v4: the signature over the typed data recovers `address`. */
export function verifyTyped(request) {
  const expected = expectedAddress(request);
  const { types, primaryType, domain, message } = request.typedData ?? {};
  check(types && domain && message, 'typedData needs types, domain and message');
  // ethers derives the domain type from `domain` itself and refuses EIP712Domain among the types.
  const { EIP712Domain: _domainType, ...messageTypes } = types;
  const derived = TypedDataEncoder.from(messageTypes).primaryType;
  check(derived === primaryType, `primaryType is ${primaryType}, but the types make ${derived} the primary type`);
  sameSigner(verifyTypedData(domain, messageTypes, message, text(request, 'signature')), expected);
}
