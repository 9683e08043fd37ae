using System.Security.Cryptography;

namespace Monolith.Binlog.Protocol.Authentication;

/// <summary>
/// <c>mysql_native_password</c>: the client proves it knows the password with
/// SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password))), which the server checks against its stored
/// SHA1(SHA1(password)). An empty password is sent as an empty response.
/// </summary>
internal static class NativePassword
{
    public const int NonceLength = 20;

    public static byte[] ComputeResponse(ReadOnlySpan<byte> password, ReadOnlySpan<byte> nonce)
    {
        if (password.IsEmpty)
        {
            return [];
        }

        Span<byte> stage1 = stackalloc byte[SHA1.HashSizeInBytes];
        Span<byte> stage2 = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(password, stage1);
        SHA1.HashData(stage1, stage2);

        Span<byte> salted = stackalloc byte[NonceLength + SHA1.HashSizeInBytes];
        var usedNonce = nonce[..Math.Min(nonce.Length, NonceLength)];
        usedNonce.CopyTo(salted);
        stage2.CopyTo(salted[usedNonce.Length..]);

        var response = new byte[SHA1.HashSizeInBytes];
        SHA1.HashData(salted[..(usedNonce.Length + SHA1.HashSizeInBytes)], response);
        for (var i = 0; i < response.Length; i++)
        {
            response[i] ^= stage1[i];
        }

        return response;
    }
}
