namespace Monolith.Binlog.Protocol.Tls;

/// <summary>How the connection uses TLS, with the meanings MySQL's and MariaDB's clients give these modes.</summary>
public enum TlsMode
{
    /// <summary>Never TLS.</summary>
    Disabled,

    /// <summary>TLS when the server offers it, plain otherwise; the certificate is not checked.</summary>
    Preferred,

    /// <summary>TLS or no connection; the certificate is not checked (encryption without authentication).</summary>
    Required,

    /// <summary>TLS with a certificate that chains to a trusted authority (the CA file, or the system's).</summary>
    VerifyCa,

    /// <summary>As <see cref="VerifyCa"/>, and the certificate must name the host connected to.</summary>
    VerifyIdentity,
}
