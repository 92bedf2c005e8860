using System.Security.Cryptography;
using Arcanum.Crypto.Curves;

namespace Arcanum.Mpc.Ecdsa.Ot;

// Random vector OLE (DKLs23 Functionality 3.5) by DKLs19 (ePrint 2019/523) Protocol 1 with the
// changes DKLs23 §5.1 describes, over the KOS15 extension above. Notation (ℓ = 2, ξ = 416):
//   Bob (receiver):  β ← {0,1}^ξ, b = ⟨g, β⟩ (steps 1–2, with γ_B = 0: b is random, b̃ = b);
//   Alice (sender):  pads ã ∈ Z_q^ℓ and check values â ∈ Z_q^ℓ (step 2); "forced reuse": one batch of
//                    Bob's ξ OTs carries all 2ℓ correlations α = (ã₁, ã₂, â₁, â₂) (OT width 2ℓ);
//   step 3 (COT):    per OT j and payload k, Alice's random OT pads are v⁰_{j,k} = H(j, q_j)_k and
//                    v¹_{j,k} = H(j, q_j ⊕ Δ)_k; she sends τ_{j,k} = v¹ − v⁰ + α_k and keeps z^A_{j,k} = v⁰;
//                    Bob, holding v^{β_j}_{j,k} = H(j, t_j)_k, sets z^B_{j,k} = β_j·τ_{j,k} − v^{β_j}_{j,k},
//                    so that z^A + z^B = β_j·α_k;
//   step 4:          χ̃, χ̂ ∈ Z_q^ℓ by Fiat–Shamir over the session key, Bob's message and τ (and γ,
//                    departure: binding γ too makes every reply byte covered by the check);
//   step 5 (Alice):  r_{i,j} = χ̃_i·z̃^A_{i,j} + χ̂_i·ẑ^A_{i,j}, u_i = χ̃_i·ã_i + χ̂_i·â_i; she sends
//                    SHA-256 of r instead of r (as 0xCarbon's DKLs23 implementation does: r is 26 KiB);
//   step 6 (Bob):    recomputes r_{i,j} = β_j·u_i − (χ̃_i·z̃^B_{i,j} + χ̂_i·ẑ^B_{i,j}) and compares the
//                    hashes in constant time;
//   steps 7–8:       γ_i = a_i − ã_i; Alice outputs c_i = ⟨g, z̃^A_i⟩, Bob d_i = ⟨g, z̃^B_i⟩ + b·γ_i,
//                    so c_i + d_i = b·ã_i + b·(a_i − ã_i) = a_i·b.

/// <summary>
/// A test-only deviation of the RVOLE sender: replaces the correlation α_k it puts into τ_{j,k}
/// (the check values r and u stay honest), i.e. a sender that uses inconsistent inputs across OTs.
/// </summary>
internal delegate Secp256k1Scalar CorrelationDeviation(int row, int payload, Secp256k1Scalar correlation);

/// <summary>
/// The receiver ("Bob") of one random vector OLE (DKLs23 Functionality 3.5, realised by DKLs19
/// Protocol 1 over the OT extension): its input b = ⟨g, β⟩ is pseudo-random, its first message
/// goes out in signing round 1, and with the sender's reply it obtains d ∈ Z_q^ℓ such that
/// c + d = a·b for the sender's a and c. A failed check means the counterparty deviated in a way
/// that can leak this party's reusable OT state: the caller must ban it for the key.
/// Message: salt (16) ‖ U (κ × ℓ' bits) ‖ x̃ (16) ‖ t̃ (16).
/// </summary>
public sealed class RvoleReceiver : IDisposable
{
    /// <summary>Where the parts of <see cref="Message"/> start: salt, then U, then x̃ ‖ t̃.</summary>
    internal const int SaltLength = 16;
    internal const int MatrixOffset = SaltLength;
    internal const int CheckOffset = MatrixOffset + KosExtension.MatrixLength;

    private readonly byte[] _message = new byte[MessageLength];
    private readonly byte[] _sessionKey = new byte[OtHash.KeyLength];
    private readonly byte[] _messageDigest = new byte[SHA256.HashSizeInBytes];
    private readonly byte[] _choices = new byte[OtParameters.BatchSize / 8];
    private readonly ulong[] _rows = new ulong[OtParameters.BatchSize * BitMatrix.RowWords];
    private Secp256k1Scalar _input;
    private bool _disposed;

    private RvoleReceiver()
    {
    }

    /// <summary>Draws β and computes the OT-extension message for one session.</summary>
    /// <param name="setup">This party's receiver setup with the counterparty (from key generation).</param>
    /// <param name="transcript">The same bytes at both parties: session, sender id, receiver id.</param>
    /// <param name="rng">The source of the salt, of β and of the κ + s padding choices.</param>
    public static RvoleReceiver Start(OtExtensionReceiverSetup setup, ReadOnlySpan<byte> transcript, RandomNumberGenerator rng) =>
        Start(setup, transcript, rng, deviation: null);

    /// <summary><see cref="Start(OtExtensionReceiverSetup, ReadOnlySpan{byte}, RandomNumberGenerator)"/> with a test-only deviation.</summary>
    internal static RvoleReceiver Start(OtExtensionReceiverSetup setup, ReadOnlySpan<byte> transcript, RandomNumberGenerator rng, MatrixDeviation? deviation)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(rng);
        var receiver = new RvoleReceiver();
        var message = receiver._message.AsSpan();

        // A fresh salt per session: even a replayed transcript never makes this party reuse its matrix.
        rng.GetBytes(message[..SaltLength]);
        OtHash.SessionKey(transcript, message[..SaltLength], receiver._sessionKey);

        // KOS15 Fig. 10 "Extend" step 1: x = β ‖ (κ + s random padding choices).
        Span<byte> choices = stackalloc byte[OtParameters.ExtendedBatchBytes];
        rng.GetBytes(choices);
        var rows = KosExtension.NewRows();
        KosExtension.Receive(
            setup, receiver._sessionKey, choices, message.Slice(MatrixOffset, KosExtension.MatrixLength), rows,
            message.Slice(CheckOffset, KosExtension.CheckLength), deviation);
        SHA256.HashData(message, receiver._messageDigest);

        choices[..receiver._choices.Length].CopyTo(receiver._choices);
        rows.AsSpan(0, receiver._rows.Length).CopyTo(receiver._rows);
        CryptographicOperations.ZeroMemory(choices);
        Rvole.Zero(rows);

        // DKLs19 Protocol 1 step 1: b = ⟨g, β⟩.
        var bits = new Secp256k1Scalar[OtParameters.BatchSize];
        for (var j = 0; j < bits.Length; j++)
        {
            bits[j] = Secp256k1Scalar.FromUInt64(receiver.ChoiceBit(j));
        }

        receiver._input = RvoleGadget.InnerProduct(bits);
        Array.Clear(bits);
        return receiver;
    }

    /// <summary>b, this party's (random) input.</summary>
    public Secp256k1Scalar Input
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _input;
        }
    }

    /// <summary>The message to the sender.</summary>
    public ReadOnlyMemory<byte> Message => _message;

    /// <summary>The exact length of <see cref="Message"/>: 10 032 bytes.</summary>
    public static int MessageLength => SaltLength + KosExtension.MatrixLength + KosExtension.CheckLength;

    /// <summary>
    /// Checks the sender's reply and writes d (ℓ values) to <paramref name="outputs"/>. Pure: the
    /// receiver's state does not change. False, with a reason, for a malformed reply or a failed
    /// consistency check; <paramref name="outputs"/> is then left untouched.
    /// </summary>
    public bool TryFinish(ReadOnlySpan<byte> senderMessage, Span<Secp256k1Scalar> outputs, out string error)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (outputs.Length != OtParameters.VoleWidth)
        {
            throw new ArgumentException($"The outputs hold ℓ = {OtParameters.VoleWidth} values.", nameof(outputs));
        }

        using var reply = new RvoleReply();
        if (!reply.TryDecode(senderMessage, out error))
        {
            return false;
        }

        Span<Secp256k1Scalar> challenges = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        OtHash.VoleChallenges(_sessionKey, _messageDigest, RvoleReply.Challenged(senderMessage), challenges);

        Span<Secp256k1Scalar> pads = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        Span<Secp256k1Scalar> z = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        var outputsB = reply.ReceiverShares;
        var checkedValues = reply.CheckValues;
        for (var j = 0; j < OtParameters.BatchSize; j++)
        {
            // Step 3 (Bob): z^B_{j,k} = β_j·τ_{j,k} − H(j, t_j)_k, β_j applied as a 0/1 factor, not a branch.
            OtHash.RowScalars(_sessionKey, j, _rows[j * BitMatrix.RowWords], _rows[(j * BitMatrix.RowWords) + 1], pads);
            var bit = ChoiceBit(j);
            for (var k = 0; k < OtParameters.OtWidth; k++)
            {
                z[k] = Rvole.Times(bit, reply.Tau[(j * OtParameters.OtWidth) + k]) - pads[k];
            }

            // Step 6: r_{i,j} = β_j·u_i − (χ̃_i·z̃^B_{i,j} + χ̂_i·ẑ^B_{i,j}), hashed in the sender's order.
            for (var i = 0; i < OtParameters.VoleWidth; i++)
            {
                var r = Rvole.Times(bit, reply.U[i]) - ((challenges[i] * z[i]) + (challenges[OtParameters.VoleWidth + i] * z[OtParameters.VoleWidth + i]));
                r.Encode(checkedValues.AsSpan(Rvole.CheckValueOffset(j, i)));
                outputsB[(i * OtParameters.BatchSize) + j] = z[i];
            }
        }

        pads.Clear();
        z.Clear();
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        OtHash.CheckHash(_sessionKey, checkedValues, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, reply.CheckHash))
        {
            error = "RVOLE consistency check failed: the sender's OT inputs are inconsistent";
            return false;
        }

        // Step 8 (Bob): d_i = ⟨g, z̃^B_i⟩ + b·γ_i.
        for (var i = 0; i < OtParameters.VoleWidth; i++)
        {
            outputs[i] = RvoleGadget.InnerProduct(outputsB.AsSpan(i * OtParameters.BatchSize, OtParameters.BatchSize)) + (_input * reply.Gamma[i]);
        }

        error = string.Empty;
        return true;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_sessionKey);
        CryptographicOperations.ZeroMemory(_choices);
        Rvole.Zero(_rows);
        _input = default;
        _disposed = true;
    }

    public override string ToString() => "RvoleReceiver([redacted])";

    /// <summary>β_j, 0 or 1 (tests read it to aim deviations at chosen or unchosen OTs).</summary>
    internal ulong ChoiceBit(int j) => (ulong)((_choices[j / 8] >> (j % 8)) & 1);
}

/// <summary>The sender ("Alice") of one random vector OLE, with input a ∈ Z_q^ℓ.</summary>
public static class RvoleSender
{
    /// <summary>The exact length of a reply: τ (ξ·2ℓ scalars) ‖ γ (ℓ) ‖ u (ℓ) ‖ SHA-256(r) = 53 408 bytes.</summary>
    public static int ReplyLength => RvoleReply.Length;

    /// <summary>
    /// Verifies the receiver's OT-extension message (the KOS consistency check) and answers it:
    /// writes c (ℓ values) to <paramref name="outputs"/>, with c + d = a·b, and returns the reply.
    /// False, with a reason, for a malformed message or a failed check (ban the counterparty).
    /// Answer at most once per transcript: two answers to the same message would differ only in
    /// the sender's fresh pads, and τ − τ' with γ − γ' would reveal a − a'. (A replayed salt under a
    /// new session id is harmless: the session key hashes the transcript too.)
    /// </summary>
    public static bool TryRespond(
        OtExtensionSenderSetup setup, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> receiverMessage, ReadOnlySpan<Secp256k1Scalar> inputs,
        RandomNumberGenerator rng, Span<Secp256k1Scalar> outputs, out byte[] reply, out string error) =>
        TryRespond(setup, transcript, receiverMessage, inputs, rng, outputs, out reply, out error, deviation: null);

    /// <summary>The public overload with a test-only deviation.</summary>
    internal static bool TryRespond(
        OtExtensionSenderSetup setup, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> receiverMessage, ReadOnlySpan<Secp256k1Scalar> inputs,
        RandomNumberGenerator rng, Span<Secp256k1Scalar> outputs, out byte[] reply, out string error, CorrelationDeviation? deviation)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(rng);
        if (inputs.Length != OtParameters.VoleWidth || outputs.Length != OtParameters.VoleWidth)
        {
            throw new ArgumentException($"The inputs and outputs hold ℓ = {OtParameters.VoleWidth} values each.");
        }

        reply = [];
        if (receiverMessage.Length != RvoleReceiver.MessageLength)
        {
            error = $"the receiver's message has {receiverMessage.Length} bytes, not {RvoleReceiver.MessageLength}";
            return false;
        }

        Span<byte> sessionKey = stackalloc byte[OtHash.KeyLength];
        OtHash.SessionKey(transcript, receiverMessage[..RvoleReceiver.SaltLength], sessionKey);
        var rows = KosExtension.NewRows();
        var matrix = receiverMessage.Slice(RvoleReceiver.MatrixOffset, KosExtension.MatrixLength);
        if (!KosExtension.TrySend(setup, sessionKey, matrix, receiverMessage.Slice(RvoleReceiver.CheckOffset, KosExtension.CheckLength), rows))
        {
            Rvole.Zero(rows);
            error = "KOS consistency check failed: the receiver's matrix does not match its choices";
            return false;
        }

        Span<byte> messageDigest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(receiverMessage, messageDigest);

        // Step 2: α = (ã₁, …, ã_ℓ, â₁, …, â_ℓ).
        Span<Secp256k1Scalar> correlations = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        for (var k = 0; k < correlations.Length; k++)
        {
            correlations[k] = Secp256k1Scalar.Random(rng);
        }

        var written = new byte[RvoleReply.Length];
        var padsA = new Secp256k1Scalar[OtParameters.OtWidth * OtParameters.BatchSize];
        Span<Secp256k1Scalar> zero = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        Span<Secp256k1Scalar> one = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        var delta = KosExtension.Delta(setup);
        for (var j = 0; j < OtParameters.BatchSize; j++)
        {
            // Step 3 (Alice): pads from q_j and q_j ⊕ Δ; τ_{j,k} = v¹ − v⁰ + α_k; z^A_{j,k} = v⁰.
            var q = KosExtension.Row(rows, j);
            OtHash.RowScalars(sessionKey, j, q.Low, q.High, zero);
            var flipped = q ^ delta;
            OtHash.RowScalars(sessionKey, j, flipped.Low, flipped.High, one);
            for (var k = 0; k < OtParameters.OtWidth; k++)
            {
                padsA[(k * OtParameters.BatchSize) + j] = zero[k];
                var correlation = deviation is null ? correlations[k] : deviation(j, k, correlations[k]);
                (one[k] - zero[k] + correlation).Encode(written.AsSpan(RvoleReply.TauOffset(j, k)));
            }
        }

        zero.Clear();
        one.Clear();
        Rvole.Zero(rows);

        // Step 7: γ_i = a_i − ã_i (sent before the challenges are drawn, so they bind it).
        for (var i = 0; i < OtParameters.VoleWidth; i++)
        {
            (inputs[i] - correlations[i]).Encode(written.AsSpan(RvoleReply.GammaOffset + (i * Secp256k1Scalar.Length)));
        }

        // Step 4: χ̃ (first ℓ) and χ̂ (next ℓ).
        Span<Secp256k1Scalar> challenges = stackalloc Secp256k1Scalar[OtParameters.OtWidth];
        OtHash.VoleChallenges(sessionKey, messageDigest, RvoleReply.Challenged(written), challenges);

        // Step 5: r (hashed) and u.
        var checkedValues = new byte[Rvole.CheckValuesLength];
        for (var j = 0; j < OtParameters.BatchSize; j++)
        {
            for (var i = 0; i < OtParameters.VoleWidth; i++)
            {
                var r = (challenges[i] * padsA[(i * OtParameters.BatchSize) + j])
                    + (challenges[OtParameters.VoleWidth + i] * padsA[((OtParameters.VoleWidth + i) * OtParameters.BatchSize) + j]);
                r.Encode(checkedValues.AsSpan(Rvole.CheckValueOffset(j, i)));
            }
        }

        OtHash.CheckHash(sessionKey, checkedValues, written.AsSpan(RvoleReply.CheckHashOffset, SHA256.HashSizeInBytes));
        CryptographicOperations.ZeroMemory(checkedValues);

        for (var i = 0; i < OtParameters.VoleWidth; i++)
        {
            var u = (challenges[i] * correlations[i]) + (challenges[OtParameters.VoleWidth + i] * correlations[OtParameters.VoleWidth + i]);
            u.Encode(written.AsSpan(RvoleReply.UOffset + (i * Secp256k1Scalar.Length)));
        }

        // Step 8 (Alice): c_i = ⟨g, z̃^A_i⟩.
        for (var i = 0; i < OtParameters.VoleWidth; i++)
        {
            outputs[i] = RvoleGadget.InnerProduct(padsA.AsSpan(i * OtParameters.BatchSize, OtParameters.BatchSize));
        }

        Array.Clear(padsA);
        correlations.Clear();
        reply = written;
        error = string.Empty;
        return true;
    }
}

/// <summary>Small helpers both RVOLE parties use.</summary>
internal static class Rvole
{
    /// <summary>The bytes of r: ξ·ℓ encoded scalars, r_{i,j} at <see cref="CheckValueOffset"/>.</summary>
    public const int CheckValuesLength = OtParameters.BatchSize * OtParameters.VoleWidth * Secp256k1Scalar.Length;

    /// <summary>Where r_{i,j} is encoded: row-major (j, then i), the order both parties hash.</summary>
    public static int CheckValueOffset(int row, int input) => ((row * OtParameters.VoleWidth) + input) * Secp256k1Scalar.Length;

    /// <summary>
    /// bit·value for a secret bit, by masking the canonical encoding (value or 0, both canonical)
    /// instead of a branch; cheaper than a full product.
    /// </summary>
    public static Secp256k1Scalar Times(ulong bit, Secp256k1Scalar value)
    {
        Span<byte> encoded = stackalloc byte[Secp256k1Scalar.Length];
        value.Encode(encoded);
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(encoded);
        var mask = 0 - bit;
        for (var w = 0; w < words.Length; w++)
        {
            words[w] &= mask;
        }

        _ = Secp256k1Scalar.TryDecode(encoded, out var product);
        CryptographicOperations.ZeroMemory(encoded);
        return product;
    }

    public static void Zero(ulong[] words) => CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
}
