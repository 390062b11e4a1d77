using System.Text;

namespace Nigehban.Web.Platform.Audit;

/// <summary>
/// Sends each new checkpoint line to a second destination, <c>Audit:CheckpointCopy</c>: a folder
/// (typically a mount of storage the database administrators cannot write), where the line is
/// appended to <c>audit-checkpoints.jsonl</c>, or an http(s) address, which receives the line as
/// a JSON POST. A copy that fails is logged and not retried: the next checkpoint covers the chain
/// up to its own head, so only the gap between two checkpoints is left to the local file (ADR-026).
/// </summary>
public sealed class ShipAuditCheckpoints(IConfiguration configuration, IHttpClientFactory http, ILogger<ShipAuditCheckpoints> logger)
{
    public const string HttpClientName = "audit-checkpoints";

    public const string FileName = "audit-checkpoints.jsonl";

    private static readonly SemaphoreSlim FolderLock = new(1, 1);

    public string? Destination => configuration["Audit:CheckpointCopy"] is { Length: > 0 } value ? value.Trim() : null;

    public async Task ShipAsync(string line, CancellationToken cancellationToken)
    {
        if (Destination is not { } destination)
        {
            return;
        }

        try
        {
            if (Uri.TryCreate(destination, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                using var content = new StringContent(line.TrimEnd('\n'), Encoding.UTF8, "application/json");
                using var response = await http.CreateClient(HttpClientName).PostAsync(uri, content, cancellationToken);
                response.EnsureSuccessStatusCode();
                return;
            }

            await FolderLock.WaitAsync(cancellationToken);
            try
            {
                Directory.CreateDirectory(destination);
                await File.AppendAllTextAsync(Path.Combine(destination, FileName), line, cancellationToken);
            }
            finally
            {
                FolderLock.Release();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not copy the audit checkpoint to {Destination}", destination);
        }
    }
}
