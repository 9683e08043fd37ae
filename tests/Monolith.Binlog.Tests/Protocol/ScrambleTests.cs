using System.Security.Cryptography;
using System.Text;
using Monolith.Binlog.Protocol.Authentication;

namespace Monolith.Binlog.Tests.Protocol;

public sealed class ScrambleTests
{
    private static readonly byte[] s_nonce = Encoding.ASCII.GetBytes("g\"n's03Nph<1|Dz[8E2j");

    [Theory]
    [InlineData("monolith-secret")]
    [InlineData("p")]
    [InlineData("pässwörd ✓")]
    public void Native_password_response_follows_its_published_definition(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);

        var response = NativePassword.ComputeResponse(bytes, s_nonce);

        // SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password)))
        var stage1 = SHA1.HashData(bytes);
        var right = SHA1.HashData([.. s_nonce, .. SHA1.HashData(stage1)]);
        Assert.Equal(Xor(stage1, right), response);
    }

    [Fact]
    public void Native_password_response_passes_the_servers_check_against_the_stored_hash()
    {
        var password = "monolith-secret"u8.ToArray();

        // What the server stores: SHA1(SHA1(password)), shown by PASSWORD() as '*' and upper-case hex.
        var stored = SHA1.HashData(SHA1.HashData(password));
        var response = NativePassword.ComputeResponse(password, s_nonce);

        // The server's check: SHA1(response XOR SHA1(nonce + stored)) must equal the stored hash.
        var candidate = Xor(response, SHA1.HashData([.. s_nonce, .. stored]));
        Assert.Equal(stored, SHA1.HashData(candidate));
    }

    [Fact]
    public void Native_password_hash_matches_the_value_mariadb_password_function_gives()
    {
        // SELECT PASSWORD('monolith-secret') on MariaDB 10.11.
        const string Expected = "*2A595715A6E6463968536B693FEA6493F294D56D";

        var stored = SHA1.HashData(SHA1.HashData("monolith-secret"u8));

        Assert.Equal(Expected, "*" + Convert.ToHexString(stored));
    }

    [Fact]
    public void Empty_password_gives_an_empty_response()
    {
        Assert.Empty(NativePassword.ComputeResponse([], s_nonce));
        Assert.Empty(CachingSha2Password.ComputeResponse([], s_nonce));
    }

    [Theory]
    [InlineData("monolith-secret")]
    [InlineData("pässwörd ✓")]
    public void Caching_sha2_response_follows_its_published_definition(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);

        var response = CachingSha2Password.ComputeResponse(bytes, s_nonce);

        // XOR(SHA256(password), SHA256(SHA256(SHA256(password)), nonce))
        var stage1 = SHA256.HashData(bytes);
        var right = SHA256.HashData([.. SHA256.HashData(SHA256.HashData(bytes)), .. s_nonce]);
        Assert.Equal(Xor(stage1, right), response);
    }

    [Fact]
    public void Caching_sha2_response_passes_the_servers_fast_path_check()
    {
        var password = "monolith-secret"u8.ToArray();

        // The server's cache holds SHA256(SHA256(password)); it recovers SHA256(password) and hashes it again.
        var cached = SHA256.HashData(SHA256.HashData(password));
        var response = CachingSha2Password.ComputeResponse(password, s_nonce);

        var candidate = Xor(response, SHA256.HashData([.. cached, .. s_nonce]));
        Assert.Equal(cached, SHA256.HashData(candidate));
    }

    [Fact]
    public void Rsa_encrypted_password_decrypts_to_the_password_xored_with_the_nonce()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportSubjectPublicKeyInfoPem();
        var password = "monolith-secret"u8.ToArray();

        var encrypted = RsaPasswordEncryption.Encrypt(pem, password, s_nonce);

        var plain = rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1);
        var expected = new byte[password.Length + 1];
        password.CopyTo(expected, 0);
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] ^= s_nonce[i % s_nonce.Length];
        }

        Assert.Equal(expected, plain);
    }

    [Fact]
    public void Rsa_encryption_with_a_broken_key_is_an_authentication_error()
    {
        var error = Assert.Throws<BinlogAuthenticationException>(() =>
            RsaPasswordEncryption.Encrypt("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", [1], s_nonce));

        Assert.Contains("RSA", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Xor(byte[] left, byte[] right)
    {
        var result = new byte[left.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)(left[i] ^ right[i]);
        }

        return result;
    }
}
