#!/usr/bin/env node
// Independent checks of chain transactions with each ecosystem's own libraries.
//
// stdin: a JSON array of requests; stdout: a JSON array of answers in the same order.
//   {"op":"build","family":"bitcoin|cosmos|solana|tron",...}   -> the unsigned transaction built here
//   {"op":"verify","family":"evm|evm-personal|evm-typed|bitcoin|solana|cosmos|tron",...}
//                                                            -> {"ok":true} or {"ok":false,"reason":"..."}
// Exit status 0 when every request was understood (whatever the verdicts); 2 with a message on stderr when
// the input is not a JSON array of such requests or a build request cannot be carried out.
import * as bitcoin from './lib/bitcoin.mjs';
import * as cosmos from './lib/cosmos.mjs';
import * as evm from './lib/evm.mjs';
import * as solana from './lib/solana.mjs';
import * as tron from './lib/tron.mjs';

const operations = {
  build: { bitcoin: bitcoin.build, cosmos: cosmos.build, solana: solana.build, tron: tron.build },
  verify: {
    evm: evm.verifyTransaction,
    'evm-personal': evm.verifyPersonal,
    'evm-typed': evm.verifyTyped,
    bitcoin: bitcoin.verify,
    solana: solana.verify,
    cosmos: cosmos.verify,
    tron: tron.verify,
  },
};

class MalformedInput extends Error {}

function operation(request, index) {
  const family = operations[request?.op]?.[request?.family];
  if (typeof family !== 'function' || !Object.hasOwn(operations[request.op], request.family)) {
    throw new MalformedInput(`request ${index}: op ${JSON.stringify(request?.op)} with family ${JSON.stringify(request?.family)} is not known`);
  }
  return family;
}

function answer(request, index) {
  const run = operation(request, index);
  if (request.op === 'build') {
    try {
      return run(request);
    } catch (error) {
      throw new MalformedInput(`request ${index}: cannot build: ${error.message}`);
    }
  }
  try {
    run(request);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error.message || String(error) };
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  let requests;
  try {
    requests = JSON.parse(await readStdin());
  } catch (error) {
    throw new MalformedInput(`stdin is not JSON: ${error.message}`);
  }
  if (!Array.isArray(requests)) throw new MalformedInput('stdin must be a JSON array of requests');
  requests.forEach(operation);
  process.stdout.write(`${JSON.stringify(requests.map(answer))}\n`);
} catch (error) {
  if (!(error instanceof MalformedInput)) throw error;
  process.stderr.write(`chains.mjs: ${error.message}\n`);
  process.exitCode = 2;
}
