namespace Arcanum.Crypto.Curves;

/// <summary>Points as byte arrays (RFC 9591 SerializeElement), for wire and storage code.</summary>
public static class PointEncoding
{
    /// <summary>The canonical encoding of <paramref name="point"/> in a new array; throws for the identity.</summary>
    public static byte[] ToArray<TPoint, TScalar>(TPoint point)
        where TPoint : struct, IPoint<TPoint, TScalar>
        where TScalar : struct, IScalar<TScalar>
    {
        var bytes = new byte[TPoint.EncodedLength];
        point.Encode(bytes);
        return bytes;
    }
}
