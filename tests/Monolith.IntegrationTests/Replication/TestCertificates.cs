using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monolith.IntegrationTests.Replication;

/// <summary>
/// A certificate authority, a server certificate it signed (for <c>localhost</c> and <c>127.0.0.1</c>) and a
/// client certificate, generated with <see cref="CertificateRequest"/> and written as PEM files for MariaDB's
/// <c>ssl_ca</c>, <c>ssl_cert</c> and <c>ssl_key</c> and for the client's options.
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    public string ServerCertificateFile => Path.Combine(Directory, "server-cert.pem");

    public string ServerKeyFile => Path.Combine(Directory, "server-key.pem");

    public string ClientCertificateFile => Path.Combine(Directory, "client-cert.pem");

    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");

    /// <summary>A second, unrelated authority, which signed none of these certificates.</summary>
    public string OtherCaFile => Path.Combine(Directory, "other-ca.pem");

    public static TestCertificates Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "monolith-tls-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var certificates = new TestCertificates(directory);

        using var caKey = RSA.Create(2048);
        using var ca = CreateAuthority(caKey, "CN=Monolith Test CA");
        File.WriteAllText(certificates.CaFile, ca.ExportCertificatePem());

        using var otherKey = RSA.Create(2048);
        using var other = CreateAuthority(otherKey, "CN=Unrelated Test CA");
        File.WriteAllText(certificates.OtherCaFile, other.ExportCertificatePem());

        using var serverKey = RSA.Create(2048);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        using var server = Issue(ca, serverKey, "CN=localhost", names.Build(), serverAuthentication: true);
        File.WriteAllText(certificates.ServerCertificateFile, server.ExportCertificatePem());
        File.WriteAllText(certificates.ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());

        using var clientKey = RSA.Create(2048);
        using var client = Issue(ca, clientKey, "CN=monolith-replica", extension: null, serverAuthentication: false);
        File.WriteAllText(certificates.ClientCertificateFile, client.ExportCertificatePem());
        File.WriteAllText(certificates.ClientKeyFile, clientKey.ExportPkcs8PrivateKeyPem());
        return certificates;
    }

    private static X509Certificate2 CreateAuthority(RSA key, string subject)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, RSA key, string subject,
        X509Extension? extension, bool serverAuthentication)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuthentication ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (extension is not null)
        {
            request.CertificateExtensions.Add(extension);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        return request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29),
            serial);
    }
}
