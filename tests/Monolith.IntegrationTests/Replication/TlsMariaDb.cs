using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Replication;

/// <summary>A private MariaDB that offers TLS with a certificate the tests generated.</summary>
public sealed class TlsMariaDb : PrivateMariaDb, IAsyncLifetime
{
    public TlsMariaDb()
        : this(TestCertificates.Create())
    {
    }

    private TlsMariaDb(TestCertificates certificates)
        : base($"ssl_ca={certificates.CaFile}", $"ssl_cert={certificates.ServerCertificateFile}",
            $"ssl_key={certificates.ServerKeyFile}")
    {
        Certificates = certificates;
    }

    internal TestCertificates Certificates { get; }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        System.IO.Directory.Delete(Certificates.Directory, recursive: true);
    }
}
