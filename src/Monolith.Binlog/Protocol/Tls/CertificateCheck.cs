using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Monolith.Binlog.Protocol.Tls;

/// <summary>
/// Decides whether a server certificate is acceptable under a <see cref="TlsMode"/>, and remembers why not, so
/// that the error names the cause instead of the TLS stack's generic "rejected by the callback".
/// </summary>
internal sealed class CertificateCheck(
    TlsMode mode, X509Certificate2Collection? trustedAuthorities, string expectedName)
{
    /// <summary>Why the last certificate was refused, in words an operator can act on.</summary>
    public string? Failure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (mode is TlsMode.Preferred or TlsMode.Required)
        {
            return true;
        }

        if (certificate is null)
        {
            Failure = "the server presented no certificate";
            return false;
        }

        using var serverCertificate = new X509Certificate2(certificate);
        if (!ChainIsTrusted(serverCertificate, chain, errors, out var chainProblem))
        {
            Failure = $"its certificate ({serverCertificate.Subject}) does not chain to " +
                (trustedAuthorities is null ? "an authority this system trusts" : "the configured CA file") +
                $": {chainProblem}";
            return false;
        }

        if (mode == TlsMode.VerifyIdentity && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            Failure = $"its certificate ({serverCertificate.Subject}) is not issued for the host name " +
                $"'{expectedName}'; it names {DescribeNames(serverCertificate)}. Connect with a name the " +
                "certificate holds, set the TLS server name, or use TLS mode VerifyCa";
            return false;
        }

        return true;
    }

    private bool ChainIsTrusted(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors,
        out string problem)
    {
        problem = "";
        if (trustedAuthorities is null)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0)
            {
                return true;
            }

            problem = DescribeChain(chain);
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trustedAuthorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (custom.Build(certificate))
        {
            return true;
        }

        problem = DescribeChain(custom);
        return false;
    }

    private static string DescribeChain(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
        {
            return "the chain could not be built";
        }

        return string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim())
            .Where(text => text.Length > 0).Distinct());
    }

    private static string DescribeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(address => address.ToString()));
            }
        }

        if (names.Count == 0)
        {
            names.Add(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }

        return string.Join(", ", names.Select(name => $"'{name}'"));
    }
}
