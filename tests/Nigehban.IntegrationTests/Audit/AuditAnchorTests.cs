using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>
/// The chain's anchor outside the database (ADR-026): verification cannot vouch without a
/// checkpoint file, a shipped copy catches what the local file no longer can, and a crash leaves
/// only seconds of sealed events that no checkpoint covers.
/// </summary>
public abstract class AuditAnchorTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MissingCheckpointFile_LeavesAnIntactChainThatCannotBeVouchedFor()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        (await app.WriteCheckpointAsync()).ShouldNotBeNull();
        (await app.VerifyAsync()).Vouched.ShouldBeTrue();

        // Whoever rewrites the chain removes the file beside the database first.
        File.Delete(Path.Combine(app.DataDirectory, "audit-checkpoints.jsonl"));
        var result = await app.VerifyAsync();

        result.Intact.ShouldBeTrue(result.Reason);
        result.Vouched.ShouldBeFalse();
        result.Reason!.ShouldContain("no checkpoint outside the database");
    }

    [Fact]
    public async Task ShippedCopy_CatchesATruncation_WhenTheLocalFileAndTheDatabaseCheckpointsAreGone()
    {
        var copies = Path.Combine(Path.GetTempPath(), "nigehban-tests", "shipped-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:CheckpointCopy"] = copies });
            await app.UseTheSystemAsync();
            var checkpoint = await app.WriteCheckpointAsync();
            checkpoint.ShouldNotBeNull();
            var shipped = Path.Combine(copies, "audit-checkpoints.jsonl");
            (await File.ReadAllTextAsync(shipped, Ct)).ShouldContain($"\"Sequence\":{checkpoint.Sequence},");
            var cut = checkpoint.Sequence - 2;

            // The attacker holds the database and the data folder, not the copy.
            await app.DropAppendOnlyGuardAsync();
            await app.ExecuteSqlAsync($"""
                DELETE FROM audit_events WHERE "Id" IN (SELECT "EventId" FROM audit_seals WHERE "Sequence" >= {cut});
                DELETE FROM audit_seals WHERE "Sequence" >= {cut};
                DELETE FROM audit_checkpoints;
                """);
            File.Delete(Path.Combine(app.DataDirectory, "audit-checkpoints.jsonl"));

            var alone = await app.VerifyAsync();
            alone.Vouched.ShouldBeFalse();

            var withCopy = await VerifyWithAsync(app, shipped);
            withCopy.Intact.ShouldBeFalse();
            withCopy.FirstBrokenSequence.ShouldBe(cut);
            withCopy.Reason!.ShouldContain("truncated");
        }
        finally
        {
            TestDirectory.DeleteQuietly(copies);
        }
    }

    [Fact]
    public async Task CrashTail_IsCoveredWithinSeconds_ByTheCheckpointAfterASealPass()
    {
        await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:CheckpointAfterSeal"] = "00:00:00.200" });
        await app.UseTheSystemAsync();
        var head = await app.HeadAsync();
        var file = Path.Combine(app.DataDirectory, "audit-checkpoints.jsonl");

        // No explicit checkpoint and no shutdown: the writer records the head on its own, soon after the pass.
        var line = $"\"Sequence\":{head},";
        var written = await Eventually.ValueAsync(
            async () => File.Exists(file) ? await File.ReadAllTextAsync(file) : "",
            text => text.Contains(line, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        written.ShouldContain(line);

        // The file as it stood then is all a crash would leave; shipped elsewhere, it still catches a cut below the head.
        var snapshot = Path.Combine(app.DataDirectory, "snapshot.jsonl");
        await File.WriteAllTextAsync(snapshot, written, Ct);
        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync($"""
            DELETE FROM audit_events WHERE "Id" IN (SELECT "EventId" FROM audit_seals WHERE "Sequence" >= {head});
            DELETE FROM audit_seals WHERE "Sequence" >= {head};
            DELETE FROM audit_checkpoints;
            """);
        File.Delete(file);

        var result = await VerifyWithAsync(app, snapshot);
        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(head);
    }

    [Fact]
    public async Task CheckpointCopy_ToAnHttpAddress_PostsEachCheckpointLine()
    {
        // A receiver of our own on the loopback, standing in for storage the database's owners cannot write.
        var received = new ConcurrentQueue<(string ContentType, string Body)>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/checkpoints", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue((request.ContentType ?? string.Empty, await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await receiver.StartAsync(Ct);
        var address = receiver.Urls.Single().TrimEnd('/') + "/checkpoints";

        await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:CheckpointCopy"] = address });
        await app.UseTheSystemAsync();
        var checkpoint = await app.WriteCheckpointAsync();

        checkpoint.ShouldNotBeNull();
        received.ShouldContain(r => r.ContentType.StartsWith("application/json", StringComparison.Ordinal)
            && r.Body.Contains($"\"Sequence\":{checkpoint.Sequence},", StringComparison.Ordinal)
            && r.Body.Contains(checkpoint.Hash, StringComparison.Ordinal));
        await receiver.StopAsync(Ct);
    }

    private static async Task<AuditVerification> VerifyWithAsync(PrivateApp app, params string[] copies)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(copies, CancellationToken.None);
    }
}

public sealed class AuditAnchorTests_Sqlite() : AuditAnchorTests(DatabaseProvider.Sqlite);

public sealed class AuditAnchorTests_Postgres() : AuditAnchorTests(DatabaseProvider.Postgres);
