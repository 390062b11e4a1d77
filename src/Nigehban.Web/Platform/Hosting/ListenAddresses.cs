using System.Net;
using System.Net.Sockets;

namespace Nigehban.Web.Platform.Hosting;

/// <summary>
/// Checks, before the server starts anything, that the addresses it is to listen on are free (ADR-039).
/// Kestrel finds out only after the start-up steps have created the data folder, migrated the
/// database and seeded demo data, and then stops with a stack trace; this says it in one line first.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Exit code of <c>serve</c> when an address it is to listen on is taken.</summary>
    public const int InUseExitCode = 6;

    /// <summary>The first of <paramref name="urls"/> (';'-separated, as <c>--urls</c> takes them) whose port another program holds; null when all are free.</summary>
    public static string? FirstInUse(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EndpointOf(url) is { } endpoint && IsTaken(endpoint))
            {
                return url;
            }
        }

        return null;
    }

    public static string Explain(string url) =>
        $"cannot start: {url} is in use by another program. Stop it, or listen elsewhere, e.g. --urls http://127.0.0.1:8080";

    /// <summary>Where Kestrel would bind <paramref name="url"/>; null for what cannot be checked here (a host name, port 0, not a URL).</summary>
    private static IPEndPoint? EndpointOf(string url)
    {
        // Kestrel's wildcards are not valid URI hosts.
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            return null;
        }

        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns)
        {
            return new IPEndPoint(IPAddress.Loopback, uri.Port); // localhost
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) ? new IPEndPoint(address, uri.Port) : null;
    }

    private static bool IsTaken(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);
        try
        {
            listener.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // not ours to judge (no IPv6 here, say): Kestrel will say what it finds
        }
        finally
        {
            listener.Stop();
        }
    }
}
