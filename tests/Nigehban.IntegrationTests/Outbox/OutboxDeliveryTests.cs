using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Audit;
using Nigehban.Web.Platform.Outbox;
using OutboxQueue = Nigehban.Web.Platform.Outbox.Outbox;
using Shouldly;

namespace Nigehban.IntegrationTests.Outbox;

/// <summary>The outbox end to end: enqueue in a transaction, the dispatcher delivers, the file channel writes.</summary>
public abstract class OutboxDeliveryTests(OutboxApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string OutboxFile(string kind) => Path.Combine(app.DataDirectory, "outbox", $"{kind}.jsonl");

    private Task<OutboxMessage> EnqueueAsync(string kind, string recipient, object payload) =>
        app.WithDbAsync(async db =>
        {
            var message = OutboxQueue.Enqueue(db, kind, recipient, payload, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Ct);
            return message;
        });

    private async Task<List<JsonElement>> LinesAsync(string kind)
    {
        var path = OutboxFile(kind);
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<JsonElement>();
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return lines;
    }

    private async Task<JsonElement?> WaitForLineAsync(string kind, Guid id)
    {
        var lines = await Eventually.ValueAsync(() => LinesAsync(kind), found => found.Any(l => l.GetProperty("id").GetGuid() == id));
        return lines.Where(l => l.GetProperty("id").GetGuid() == id).Select(l => (JsonElement?)l).FirstOrDefault();
    }

    [Fact]
    public async Task Committed_Sms_AppearsInTheFile_WithinSeconds()
    {
        var message = await EnqueueAsync(OutboxKinds.Sms, "+923001234567", new { reference = "PKM-LHR-26-004213-8", text = "Your application is received." });

        var line = await WaitForLineAsync(OutboxKinds.Sms, message.Id);

        line.ShouldNotBeNull();
        line.Value.GetProperty("recipient").GetString().ShouldBe("+923001234567");
        line.Value.GetProperty("payload").GetProperty("reference").GetString().ShouldBe("PKM-LHR-26-004213-8");
        // The line is written before the row is marked delivered (a crash between the two sends it again,
        // never loses it), so the mark may land a moment after the line.
        var stored = await Eventually.ValueAsync(
            () => app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == message.Id, Ct)),
            m => m.DeliveredAt is not null);
        stored.DeliveredAt.ShouldNotBeNull();
        stored.Attempts.ShouldBe(1);
        stored.NextAttemptAt.ShouldBeNull();
    }

    [Fact]
    public async Task Committed_Email_GoesToItsOwnFile()
    {
        var message = await EnqueueAsync(OutboxKinds.Email, "applicant@example.org", new { subject = "Certificate ready" });

        (await WaitForLineAsync(OutboxKinds.Email, message.Id)).ShouldNotBeNull();
        (await LinesAsync(OutboxKinds.Sms)).ShouldNotContain(l => l.GetProperty("id").GetGuid() == message.Id);
    }

    [Fact]
    public async Task RolledBack_Enqueue_IsNeverDelivered()
    {
        var rolledBack = await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var message = OutboxQueue.Enqueue(db, OutboxKinds.Sms, "+923009999999", new { text = "must never be sent" }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
            return message;
        });

        // A message committed afterwards is delivered; by then the dispatcher has had every chance.
        var later = await EnqueueAsync(OutboxKinds.Sms, "+923008888888", new { text = "sent after the rollback" });
        (await WaitForLineAsync(OutboxKinds.Sms, later.Id)).ShouldNotBeNull();

        (await LinesAsync(OutboxKinds.Sms)).ShouldNotContain(l => l.GetProperty("id").GetGuid() == rolledBack.Id);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Id == rolledBack.Id, Ct))).ShouldBeFalse();
    }

    [Fact]
    public async Task FailingChannel_IsRetriedWithBackoff_UntilDelivered()
    {
        var message = await EnqueueAsync(OutboxApp.FlakyKind, "https://partner.example.org/hook", new { text = "retry me" });

        var stored = await Eventually.ValueAsync(
            () => app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == message.Id, Ct)),
            m => m.DeliveredAt is not null);

        stored.DeliveredAt.ShouldNotBeNull();
        stored.Attempts.ShouldBe(3);
        stored.LastError!.ShouldContain("simulated gateway failure 2");
        app.Flaky.Delivered.Count(id => id == message.Id).ShouldBe(1);
        // Two waits of the retry delay (0.2 s, then 0.4 s) lie between creation and delivery.
        (stored.DeliveredAt.Value - stored.CreatedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task UnknownChannel_IsRecordedAsTheError_AndRetried()
    {
        var message = await EnqueueAsync(OutboxApp.MisroutedKind, "nobody", new { text = "no gateway" });

        var stored = await Eventually.ValueAsync(
            () => app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == message.Id, Ct)),
            m => m.Attempts >= 2);

        stored.Attempts.ShouldBeGreaterThanOrEqualTo(2);
        stored.DeliveredAt.ShouldBeNull();
        stored.NextAttemptAt.ShouldNotBeNull();
        stored.LastError!.ShouldContain("no-such-gateway");
    }
}

public sealed class OutboxDeliveryTests_Sqlite(OutboxSqliteApp app) : OutboxDeliveryTests(app), IClassFixture<OutboxSqliteApp>;

public sealed class OutboxDeliveryTests_Postgres(OutboxPostgresApp app) : OutboxDeliveryTests(app), IClassFixture<OutboxPostgresApp>;
