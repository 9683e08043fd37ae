namespace Monolith.Binlog.Protocol.Authentication;

/// <summary>The names under which servers announce the authentication methods this client performs.</summary>
internal static class AuthenticationPlugins
{
    public const string NativePassword = "mysql_native_password";
    public const string CachingSha2Password = "caching_sha2_password";
    public const string Sha256Password = "sha256_password";
    public const string ClientEd25519 = "client_ed25519";
}
