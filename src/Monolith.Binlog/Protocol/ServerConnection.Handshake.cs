using System.Net.Security;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Monolith.Binlog.Protocol.Tls;

namespace Monolith.Binlog.Protocol;

public sealed partial class ServerConnection
{
    // utf8mb4_general_ci: known to every MySQL since 5.5.3 and every MariaDB, so names and text results
    // arrive as UTF-8 whatever the server's default.
    private const byte Utf8Mb4GeneralCollation = 45;

    private const CapabilityFlags WantedCapabilities =
        CapabilityFlags.LongPassword | CapabilityFlags.LongFlag | CapabilityFlags.Protocol41 |
        CapabilityFlags.Transactions | CapabilityFlags.SecureConnection | CapabilityFlags.MultiResults |
        CapabilityFlags.PluginAuth | CapabilityFlags.PluginAuthLengthEncodedClientData |
        CapabilityFlags.ConnectAttributes | CapabilityFlags.DeprecateEof;

    private const CapabilityFlags RequiredCapabilities = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection;

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var first = await _channel.ReadPacketAsync(_time, cancellationToken);
        if (first.Span[0] == ErrorPacket.Header)
        {
            throw ErrorPacket.Parse(first.Span).ToException($"Connecting to {_options.Endpoint}");
        }

        _handshake = InitialHandshake.Parse(first.Span);
        if ((_handshake.Capabilities & RequiredCapabilities) != RequiredCapabilities)
        {
            throw new BinlogProtocolException(
                $"The server {_options.Endpoint} ({_handshake.Version.Text}) does not offer the 4.1 protocol with " +
                "secure authentication, which every supported server version does.");
        }

        var capabilities = WantedCapabilities & _handshake.Capabilities & (CapabilityFlags)0xFFFF_FFFF;
        capabilities = await NegotiateTlsAsync(capabilities, cancellationToken);
        Capabilities = capabilities;

        await AuthenticateAsync(cancellationToken);
    }

    private async Task<CapabilityFlags> NegotiateTlsAsync(CapabilityFlags capabilities,
        CancellationToken cancellationToken)
    {
        if (_options.TlsMode == TlsMode.Disabled)
        {
            return capabilities;
        }

        if ((_handshake.Capabilities & CapabilityFlags.Ssl) == 0)
        {
            if (_options.TlsMode == TlsMode.Preferred)
            {
                ProtocolLog.TlsNotOffered(_logger, _options.Endpoint);
                return capabilities;
            }

            throw new BinlogTlsException(
                $"TlsMode is {_options.TlsMode} but the server {_options.Endpoint} offers no TLS (start it with " +
                "ssl_cert and ssl_key, or lower TlsMode).");
        }

        capabilities |= CapabilityFlags.Ssl;

        // The SSL request is the first 32 bytes of the handshake response; TLS starts right after it.
        var request = new PayloadWriter(32);
        WriteResponsePrefix(request, capabilities);
        await _channel.WritePacketAsync(request.WrittenMemory, cancellationToken);

        var serverName = _options.TlsServerName ?? _options.Host;
        var check = new CertificateCheck(_options.TlsMode, LoadTrustedAuthorities(), serverName);
        var clientCertificates = LoadClientCertificate();
        await _channel.SwitchStreamAsync(async inner =>
        {
            var tls = new SslStream(inner, leaveInnerStreamOpen: false, check.Validate);
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = serverName,
                    ClientCertificates = clientCertificates,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, cancellationToken);
            }
            catch (AuthenticationException exception)
            {
                await tls.DisposeAsync();
                throw new BinlogTlsException(
                    $"TLS with {_options.Endpoint} failed ({_options.TlsMode}): " +
                    (check.Failure ?? exception.Message) + ".", exception);
            }
            catch (IOException exception)
            {
                await tls.DisposeAsync();
                throw new BinlogConnectionException(
                    $"The connection to {_options.Endpoint} broke during the TLS handshake: {exception.Message}",
                    exception);
            }

            return tls;
        });

        IsEncrypted = true;
        return capabilities;
    }

    private X509Certificate2Collection? LoadTrustedAuthorities()
    {
        if (_options.TlsCaFile is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(_options.TlsCaFile);
        }
        catch (CryptographicException exception)
        {
            throw new BinlogTlsException(
                $"The CA file '{_options.TlsCaFile}' holds no readable PEM certificate: {exception.Message}",
                exception);
        }

        if (authorities.Count == 0)
        {
            throw new BinlogTlsException($"The CA file '{_options.TlsCaFile}' holds no PEM certificate.");
        }

        return authorities;
    }

    private X509CertificateCollection? LoadClientCertificate()
    {
        if (_options.TlsClientCertificateFile is null || _options.TlsClientKeyFile is null)
        {
            return null;
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(_options.TlsClientCertificateFile,
                _options.TlsClientKeyFile);

            // A certificate with a key created from PEM is ephemeral; exporting and re-reading it as PKCS#12
            // gives the TLS stack a key it can use on every platform.
            return [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
        }
        catch (CryptographicException exception)
        {
            throw new BinlogTlsException(
                $"The client certificate '{_options.TlsClientCertificateFile}' or its key " +
                $"'{_options.TlsClientKeyFile}' cannot be read: {exception.Message}", exception);
        }
    }

    private static void WriteResponsePrefix(PayloadWriter writer, CapabilityFlags capabilities)
    {
        writer.WriteUInt32((uint)capabilities);
        writer.WriteUInt32(PacketFramer.MaxChunkLength);
        writer.WriteByte(Utf8Mb4GeneralCollation);

        // 23 reserved bytes; a MariaDB client would put extended capabilities in the last four, and this one
        // asks for none of them.
        writer.WriteZeros(23);
    }

    private async Task SendHandshakeResponseAsync(string pluginName, byte[] authResponse,
        CancellationToken cancellationToken)
    {
        var writer = new PayloadWriter();
        WriteResponsePrefix(writer, Capabilities);
        writer.WriteNullTerminatedString(_options.User);
        if ((Capabilities & CapabilityFlags.PluginAuthLengthEncodedClientData) != 0)
        {
            writer.WriteLengthEncodedBytes(authResponse);
        }
        else
        {
            if (authResponse.Length > 255)
            {
                throw new BinlogAuthenticationException(
                    $"The {pluginName} response is {authResponse.Length} bytes, more than a server without " +
                    "length-encoded client data accepts.");
            }

            writer.WriteByte((byte)authResponse.Length).WriteBytes(authResponse);
        }

        if ((Capabilities & CapabilityFlags.PluginAuth) != 0)
        {
            writer.WriteNullTerminatedString(pluginName);
        }

        if ((Capabilities & CapabilityFlags.ConnectAttributes) != 0)
        {
            var attributes = new PayloadWriter();
            attributes.WriteLengthEncodedString("_client_name").WriteLengthEncodedString("Monolith.Binlog");
            attributes.WriteLengthEncodedString("_client_version").WriteLengthEncodedString(ClientVersion);
            attributes.WriteLengthEncodedString("_os").WriteLengthEncodedString(Environment.OSVersion.Platform
                .ToString());
            attributes.WriteLengthEncodedString("_pid").WriteLengthEncodedString(
                Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.WriteLengthEncodedString("program_name").WriteLengthEncodedString(_options.ProgramName);
            writer.WriteLengthEncodedBytes(attributes.WrittenSpan);
        }

        await _channel.WritePacketAsync(writer.WrittenMemory, cancellationToken);
    }

    private static string ClientVersion =>
        typeof(ServerConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion ?? "0";
}
