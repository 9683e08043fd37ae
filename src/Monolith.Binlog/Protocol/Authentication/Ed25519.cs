using System.Numerics;
using System.Security.Cryptography;

namespace Monolith.Binlog.Protocol.Authentication;

/// <summary>
/// Ed25519 signing as RFC 8032 (section 5.1) defines it, over <see cref="BigInteger"/> in extended twisted
/// Edwards coordinates. .NET has no Ed25519, and a client signs once per connection, so this favours being
/// easy to check against the RFC over speed or constant-time arithmetic (the secret is the client's own).
/// </summary>
/// <remarks>
/// The RFC hashes a 32-byte seed with SHA-512; MariaDB's <c>client_ed25519</c> hashes the password instead,
/// of any length. <see cref="Sign"/> accepts any seed length, so both are the same code path.
/// </remarks>
internal static class Ed25519
{
    public const int SignatureLength = 64;
    public const int PublicKeyLength = 32;

    // p = 2^255 - 19, the field's prime.
    private static readonly BigInteger s_p = BigInteger.Pow(2, 255) - 19;

    // L = 2^252 + 27742317777372353535851937790883648493, the order of the base point.
    private static readonly BigInteger s_l =
        BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493",
            System.Globalization.CultureInfo.InvariantCulture);

    // d = -121665 / 121666 (mod p), the curve constant.
    private static readonly BigInteger s_d = Mod(-121665 * Inverse(121666));

    // The base point B: y = 4/5, x the even square root.
    private static readonly Point s_base = CreateBasePoint();

    /// <summary>
    /// The 32-byte public key of a seed: the encoding of [a]B, a the clamped first half of SHA-512(seed).
    /// </summary>
    public static byte[] GetPublicKey(ReadOnlySpan<byte> seed)
    {
        var hash = SHA512.HashData(seed);
        var a = ClampedScalar(hash);
        return Encode(Multiply(s_base, a));
    }

    /// <summary>
    /// The 64-byte signature R || S of <paramref name="message"/> with the key derived from the seed.
    /// </summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var hash = SHA512.HashData(seed);
        var a = ClampedScalar(hash);
        var publicKey = Encode(Multiply(s_base, a));

        // r = SHA-512(prefix || M) mod L, where prefix is the second half of the seed's hash.
        var r = Mod(FromLittleEndian(SHA512.HashData([.. hash.AsSpan(32, 32), .. message])), s_l);
        var encodedR = Encode(Multiply(s_base, r));

        // S = (r + SHA-512(R || A || M) * a) mod L.
        var k = Mod(FromLittleEndian(SHA512.HashData([.. encodedR, .. publicKey, .. message])), s_l);
        var s = Mod(r + (k * a), s_l);

        var signature = new byte[SignatureLength];
        encodedR.CopyTo(signature, 0);
        WriteLittleEndian(s, signature.AsSpan(32, 32));
        return signature;
    }

    private static BigInteger ClampedScalar(ReadOnlySpan<byte> hash)
    {
        Span<byte> scalar = stackalloc byte[32];
        hash[..32].CopyTo(scalar);
        scalar[0] &= 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return FromLittleEndian(scalar);
    }

    private static Point Multiply(Point point, BigInteger scalar)
    {
        var result = Point.Identity;
        var addend = point;
        while (!scalar.IsZero)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            scalar >>= 1;
        }

        return result;
    }

    // The unified addition of RFC 8032 section 5.1.4; it is complete on this curve, so it also doubles.
    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * s_d * p.T * q.T);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    // A point encodes as y, little-endian, with the low bit of x in the top bit of the last byte.
    private static byte[] Encode(Point point)
    {
        var zInverse = Inverse(point.Z);
        var x = Mod(point.X * zInverse);
        var y = Mod(point.Y * zInverse);
        var bytes = new byte[PublicKeyLength];
        WriteLittleEndian(y, bytes);
        bytes[31] |= (byte)(x.IsEven ? 0 : 0x80);
        return bytes;
    }

    private static Point CreateBasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var x = RecoverX(y);
        return new Point(x, y, 1, Mod(x * y));
    }

    // x^2 = (y^2 - 1) / (d y^2 + 1); the square root per RFC 8032 section 5.1.3, choosing the even root.
    private static BigInteger RecoverX(BigInteger y)
    {
        var u = Mod((y * y) - 1);
        var v = Mod((s_d * y * y) + 1);
        var x2 = Mod(u * Inverse(v));
        var x = BigInteger.ModPow(x2, (s_p + 3) / 8, s_p);
        if (Mod((x * x) - x2) != 0)
        {
            x = Mod(x * BigInteger.ModPow(2, (s_p - 1) / 4, s_p));
        }

        return x.IsEven ? x : s_p - x;
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), s_p - 2, s_p);

    private static BigInteger Mod(BigInteger value) => Mod(value, s_p);

    private static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var result = BigInteger.Remainder(value, modulus);
        return result.Sign < 0 ? result + modulus : result;
    }

    private static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes) =>
        new(bytes, isUnsigned: true, isBigEndian: false);

    private static void WriteLittleEndian(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        if (!value.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new InvalidOperationException("An Ed25519 field element does not fit in 32 bytes.");
        }
    }

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T)
    {
        public static Point Identity => new(0, 1, 1, 0);
    }
}
