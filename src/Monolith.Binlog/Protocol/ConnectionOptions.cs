using System.Text;
using Monolith.Binlog.Protocol.Tls;

namespace Monolith.Binlog.Protocol;

/// <summary>
/// Where and how to connect to a MySQL or MariaDB server. Property names match the configuration section
/// <c>Source</c> (the replication options derive from this class).
/// </summary>
public class ConnectionOptions
{
    /// <summary>Host name or IP address of the server.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port of the server.</summary>
    public int Port { get; set; } = 3306;

    /// <summary>User name to log in with.</summary>
    public string User { get; set; } = "";

    /// <summary>The user's password; never logged or put into an error message.</summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// Whether and how to use TLS; <see cref="Tls.TlsMode.Preferred"/> by default, as MySQL's clients do.
    /// </summary>
    public TlsMode TlsMode { get; set; } = TlsMode.Preferred;

    /// <summary>A PEM file of certificate authorities to trust for <see cref="Tls.TlsMode.VerifyCa"/> and
    /// <see cref="Tls.TlsMode.VerifyIdentity"/>; the system's trust store when not set.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>The name the server's certificate must carry under <see cref="Tls.TlsMode.VerifyIdentity"/>,
    /// and the name sent in TLS's server name indication; <see cref="Host"/> when not set.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// A PEM client certificate, for users created with <c>REQUIRE X509</c> or <c>REQUIRE SUBJECT</c>.
    /// </summary>
    public string? TlsClientCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="TlsClientCertificateFile"/>.</summary>
    public string? TlsClientKeyFile { get; set; }

    /// <summary>
    /// Whether <c>caching_sha2_password</c> and <c>sha256_password</c> may ask the server for its RSA public key
    /// on a connection without TLS, to encrypt the password with it. Without TLS the key itself is not
    /// authenticated, so a machine in the middle could substitute its own; prefer TLS where that matters.
    /// </summary>
    public bool AllowPublicKeyRetrieval { get; set; } = true;

    /// <summary>Time allowed to open the connection, including TLS and authentication.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for the server to answer a query; the binlog stream uses the heartbeat instead.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest packet accepted (a binlog event, a result row). Memory for a packet grows only as its
    /// bytes arrive, so this caps what a broken or hostile server can make the client hold. 1 GiB, the
    /// protocol's own limit, by default.
    /// </summary>
    public int MaxPacketSize { get; set; } = 1 << 30;

    /// <summary>The program name sent among the connection attributes, shown in <c>performance_schema</c>.</summary>
    public string ProgramName { get; set; } = "monolith";

    /// <summary>Host and port, as they appear in messages.</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Checks the options and names every one that is wrong.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid.</exception>
    public virtual void Validate()
    {
        var problems = new List<string>();
        CollectProblems(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid connection options: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Adds a sentence per invalid option to <paramref name="problems"/>.</summary>
    protected virtual void CollectProblems(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("Host is empty");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"Port {Port} is not between 1 and 65535");
        }

        if (string.IsNullOrEmpty(User))
        {
            problems.Add("User is empty");
        }
        else if (Encoding.UTF8.GetByteCount(User) > 255)
        {
            problems.Add("User is longer than 255 bytes");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"ConnectTimeout {ConnectTimeout} is not positive");
        }

        if (ReadTimeout <= TimeSpan.Zero)
        {
            problems.Add($"ReadTimeout {ReadTimeout} is not positive");
        }

        if (MaxPacketSize < 64 * 1024)
        {
            problems.Add($"MaxPacketSize {MaxPacketSize} is below 64 KiB");
        }

        if (TlsCaFile is not null && !File.Exists(TlsCaFile))
        {
            problems.Add($"TlsCaFile '{TlsCaFile}' does not exist");
        }

        if ((TlsClientCertificateFile is null) != (TlsClientKeyFile is null))
        {
            problems.Add("TlsClientCertificateFile and TlsClientKeyFile go together");
        }

        if (TlsMode == TlsMode.Disabled && (TlsCaFile is not null || TlsClientCertificateFile is not null))
        {
            problems.Add("TLS files are set but TlsMode is Disabled");
        }
    }
}
