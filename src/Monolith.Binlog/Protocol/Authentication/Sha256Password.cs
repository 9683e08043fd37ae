namespace Monolith.Binlog.Protocol.Authentication;

/// <summary>
/// <c>sha256_password</c>: the password itself travels, in clear (NUL-terminated) over TLS, otherwise
/// encrypted with the server's RSA public key after the client asks for it with a single <c>0x01</c> byte.
/// </summary>
internal static class Sha256Password
{
    /// <summary>The byte a client sends to ask for the server's RSA public key.</summary>
    public const byte RequestPublicKey = 1;
}
