using System.Security.Cryptography;

namespace Arcanum.Mpc.Protocol;

/// <summary>
/// One round of a protocol run, as a pure state machine (CONVENTIONS 10–11): no I/O, no clock,
/// randomness passed in. The runner calls <see cref="VerifyMessage"/> (pure) on each incoming
/// message, <see cref="StoreMessage"/> on accepted ones, and <see cref="Finalize"/> once
/// <see cref="CanFinalize"/> holds.
/// </summary>
public interface IRound<TOutput>
{
    /// <summary>The round number the messages this round consumes carry.</summary>
    int Number { get; }

    ProtocolContext Context { get; }

    /// <summary>Checks one message without changing any state.</summary>
    MessageCheck VerifyMessage(ProtocolMessage message);

    /// <summary>Records a message this round accepted.</summary>
    void StoreMessage(MessageCheck accepted);

    /// <summary>True once every message the round waits for has been stored.</summary>
    bool CanFinalize { get; }

    /// <summary>Computes the next round and its messages, the output, or an abort naming the culprits.</summary>
    RoundResult<TOutput> Finalize(RandomNumberGenerator rng);
}
