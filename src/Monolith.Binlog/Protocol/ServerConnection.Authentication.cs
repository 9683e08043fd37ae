using System.Text;
using Monolith.Binlog.Protocol.Authentication;

namespace Monolith.Binlog.Protocol;

public sealed partial class ServerConnection
{
    private const byte AuthMoreDataHeader = 0x01;
    private const byte AuthSwitchHeader = 0xFE;

    // Error codes that mean "these credentials will not do", as opposed to a server that cannot take a
    // connection right now: access denied (1044, 1045, 1698), unknown or unloaded plugin (1251, 1524),
    // expired password (1820, 1862).
    private static readonly HashSet<int> s_credentialErrors = [1044, 1045, 1251, 1524, 1698, 1820, 1862];

    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        var password = Encoding.UTF8.GetBytes(_options.Password);
        try
        {
            var plugin = _handshake.AuthPluginName ?? AuthenticationPlugins.NativePassword;
            var nonce = _handshake.AuthPluginData;
            if (!IsKnownPlugin(plugin))
            {
                // Answer for the common method; a server whose user needs another one switches to it.
                plugin = AuthenticationPlugins.NativePassword;
            }

            var state = new AuthenticationState(plugin, nonce);
            await SendHandshakeResponseAsync(plugin, InitialResponse(state, password), cancellationToken);
            AuthenticationMethod = plugin;

            while (true)
            {
                var packet = await _channel.ReadPacketAsync(_time, cancellationToken);
                switch (packet.Span[0])
                {
                    case OkPacket.Header:
                        return;
                    case ErrorPacket.Header:
                        throw AuthenticationError(ErrorPacket.Parse(packet.Span));
                    case AuthSwitchHeader:
                        state = ParseAuthSwitch(packet.Span);
                        AuthenticationMethod = state.Plugin;
                        ProtocolLog.AuthenticationSwitched(_logger, _options.Endpoint, state.Plugin);
                        await SendAuthDataAsync(InitialResponse(state, password), cancellationToken);
                        break;
                    case AuthMoreDataHeader:
                        var reply = MoreDataResponse(state, packet.Span[1..], password);
                        if (reply is not null)
                        {
                            await SendAuthDataAsync(reply, cancellationToken);
                        }

                        break;
                    default:
                        throw new BinlogProtocolException(
                            $"During authentication with {_options.Endpoint} the server sent a packet starting with " +
                            $"0x{packet.Span[0]:X2}, which is none of OK, ERR, auth switch or auth more data.");
                }
            }
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(password);
        }
    }

    private static bool IsKnownPlugin(string plugin) => plugin is AuthenticationPlugins.NativePassword
        or AuthenticationPlugins.CachingSha2Password or AuthenticationPlugins.Sha256Password
        or AuthenticationPlugins.ClientEd25519;

    private byte[] InitialResponse(AuthenticationState state, ReadOnlySpan<byte> password)
    {
        switch (state.Plugin)
        {
            case AuthenticationPlugins.NativePassword:
                return NativePassword.ComputeResponse(password, state.Nonce);
            case AuthenticationPlugins.CachingSha2Password:
                return CachingSha2Password.ComputeResponse(password, state.Nonce);
            case AuthenticationPlugins.Sha256Password:
                if (password.IsEmpty)
                {
                    return [0];
                }

                if (IsEncrypted)
                {
                    return NullTerminated(password);
                }

                RequirePublicKeyRetrieval(state.Plugin);
                state.AwaitingPublicKey = true;
                return [Sha256Password.RequestPublicKey];
            case AuthenticationPlugins.ClientEd25519:
                if (state.Nonce.Length < 32)
                {
                    throw new BinlogProtocolException(
                        $"The server {_options.Endpoint} sent a {state.Nonce.Length}-byte nonce for client_ed25519, " +
                        "which signs a 32-byte one.");
                }

                return Ed25519.Sign(password, state.Nonce.AsSpan(0, 32));
            default:
                throw new BinlogAuthenticationException(
                    $"The server {_options.Endpoint} asks user '{_options.User}' to authenticate with " +
                    $"'{state.Plugin}', which this client does not perform (it performs mysql_native_password, " +
                    "caching_sha2_password, sha256_password and client_ed25519). Change the user's authentication " +
                    "method on the server.");
        }
    }

    private byte[]? MoreDataResponse(AuthenticationState state, ReadOnlySpan<byte> data, ReadOnlySpan<byte> password)
    {
        if (state.AwaitingPublicKey)
        {
            state.AwaitingPublicKey = false;
            var pem = RsaPasswordEncryption.DecodePem(data);
            return RsaPasswordEncryption.Encrypt(pem, password, state.Nonce);
        }

        if (state.Plugin == AuthenticationPlugins.CachingSha2Password && data.Length == 1)
        {
            switch (data[0])
            {
                case CachingSha2Password.FastAuthenticationSuccess:
                    return null;
                case CachingSha2Password.PerformFullAuthentication when IsEncrypted:
                    return NullTerminated(password);
                case CachingSha2Password.PerformFullAuthentication:
                    RequirePublicKeyRetrieval(state.Plugin);
                    state.AwaitingPublicKey = true;
                    return [CachingSha2Password.RequestPublicKey];
            }
        }

        throw new BinlogProtocolException(
            $"The server {_options.Endpoint} sent {data.Length} byte(s) of unexpected authentication data " +
            $"during {state.Plugin} authentication.");
    }

    private void RequirePublicKeyRetrieval(string plugin)
    {
        if (!_options.AllowPublicKeyRetrieval)
        {
            throw new BinlogAuthenticationException(
                $"User '{_options.User}' on {_options.Endpoint} authenticates with {plugin}, which without TLS " +
                "needs the server's RSA public key, and AllowPublicKeyRetrieval is off. Use TLS, or allow the " +
                "retrieval.");
        }

        ProtocolLog.RetrievingPublicKey(_logger, _options.Endpoint, _options.User, plugin);
    }

    private AuthenticationState ParseAuthSwitch(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 1)
        {
            throw new BinlogAuthenticationException(
                $"The server {_options.Endpoint} asks user '{_options.User}' to authenticate with the pre-4.1 " +
                "method 'mysql_old_password', which this client does not perform. Reset the user's password on " +
                "the server.");
        }

        var reader = new PayloadReader(payload, "authentication switch request");
        reader.ReadByte();
        var plugin = reader.ReadNullTerminatedString();
        var data = reader.ReadRest();

        // The nonce is sent NUL-terminated by some methods; the NUL is not part of it.
        if (data.Length > 0 && data[^1] == 0 && plugin != AuthenticationPlugins.ClientEd25519)
        {
            data = data[..^1];
        }

        return new AuthenticationState(plugin, data.ToArray());
    }

    private async Task SendAuthDataAsync(byte[] data, CancellationToken cancellationToken) =>
        await _channel.WritePacketAsync(data, cancellationToken);

    private Exception AuthenticationError(ErrorPacket error)
    {
        var serverError = error.ToException($"Authenticating user '{_options.User}' at {_options.Endpoint}");
        if (s_credentialErrors.Contains(error.Code))
        {
            return new BinlogAuthenticationException(
                $"The server {_options.Endpoint} refused user '{_options.User}' ({AuthenticationMethod}): " +
                $"{error.Message} (error {error.Code})", serverError);
        }

        return serverError;
    }

    private static byte[] NullTerminated(ReadOnlySpan<byte> password)
    {
        var bytes = new byte[password.Length + 1];
        password.CopyTo(bytes);
        return bytes;
    }

    private sealed class AuthenticationState(string plugin, byte[] nonce)
    {
        public string Plugin { get; } = plugin;

        public byte[] Nonce { get; } = nonce;

        public bool AwaitingPublicKey { get; set; }
    }
}
