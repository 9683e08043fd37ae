using System.Security.Cryptography;
using System.Text;

namespace Monolith.Binlog.Protocol.Authentication;

/// <summary>
/// Encrypts a password for <c>caching_sha2_password</c> and <c>sha256_password</c> full authentication on a
/// connection without TLS: the NUL-terminated password is XOR-ed with the nonce (repeated as needed) and
/// encrypted with RSA-OAEP (SHA-1, as the server decrypts with OpenSSL's default OAEP padding).
/// </summary>
internal static class RsaPasswordEncryption
{
    public static byte[] Encrypt(string publicKeyPem, ReadOnlySpan<byte> password, ReadOnlySpan<byte> nonce)
    {
        if (nonce.IsEmpty)
        {
            throw new BinlogAuthenticationException("The server sent an empty nonce for RSA password encryption.");
        }

        var plain = new byte[password.Length + 1];
        password.CopyTo(plain);
        for (var i = 0; i < plain.Length; i++)
        {
            plain[i] ^= nonce[i % nonce.Length];
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new BinlogAuthenticationException(
                "The server's RSA public key is not a PEM-encoded RSA key: " + exception.Message, exception);
        }

        try
        {
            return rsa.Encrypt(plain, RSAEncryptionPadding.OaepSHA1);
        }
        catch (CryptographicException exception)
        {
            throw new BinlogAuthenticationException(
                $"The password cannot be encrypted with the server's {rsa.KeySize}-bit RSA key (too long for the " +
                "key, or a broken key): " + exception.Message, exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The PEM text of a public key as the server sends it (possibly NUL-terminated).</summary>
    public static string DecodePem(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end >= 0 ? bytes[..end] : bytes);
    }
}
