using System.Security.Cryptography;

namespace Monolith.Binlog.Protocol.Authentication;

/// <summary>
/// <c>caching_sha2_password</c>, MySQL 8's default. The fast path sends
/// SHA256(password) XOR SHA256(SHA256(SHA256(password)) + nonce); when the server has no cached entry for the
/// user it asks for full authentication, which needs the password itself: in clear over TLS, else encrypted
/// with the server's RSA public key (see <see cref="RsaPasswordEncryption"/>).
/// </summary>
internal static class CachingSha2Password
{
    /// <summary>The server's answer byte after <c>0x01</c>: the fast path succeeded; an OK packet follows.</summary>
    public const byte FastAuthenticationSuccess = 3;

    /// <summary>The server's answer byte after <c>0x01</c>: send the password itself.</summary>
    public const byte PerformFullAuthentication = 4;

    /// <summary>The byte a client sends to ask for the server's RSA public key.</summary>
    public const byte RequestPublicKey = 2;

    public static byte[] ComputeResponse(ReadOnlySpan<byte> password, ReadOnlySpan<byte> nonce)
    {
        if (password.IsEmpty)
        {
            return [];
        }

        Span<byte> stage1 = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> stage2 = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(password, stage1);
        SHA256.HashData(stage1, stage2);

        var salted = new byte[SHA256.HashSizeInBytes + nonce.Length];
        stage2.CopyTo(salted);
        nonce.CopyTo(salted.AsSpan(SHA256.HashSizeInBytes));

        var response = SHA256.HashData(salted);
        for (var i = 0; i < response.Length; i++)
        {
            response[i] ^= stage1[i];
        }

        return response;
    }
}
