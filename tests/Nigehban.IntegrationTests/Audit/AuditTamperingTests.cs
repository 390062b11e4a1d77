using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using OutboxQueue = Nigehban.Web.Platform.Outbox.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.IntegrationTests.Audit;

/// <summary>
/// The audit trail against an attacker with database access (triggers dropped, rows edited or
/// removed) and against failure. Each test breaks things, so each starts its own app.
/// </summary>
public abstract class AuditTamperingTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verification_IsIntact_AfterASessionOfUse()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();

        using var auditor = await app.SignInAsync("auditor");
        var result = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit-events/verification", Ct);

        result.GetProperty("intact").GetBoolean().ShouldBeTrue(result.ToString());
        result.GetProperty("headSequence").GetInt64().ShouldBeGreaterThan(10);
        result.GetProperty("firstBrokenSequence").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Tampering_WithAField_IsCaught_AtThatSequence()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        var target = await DeniedSignInAsync(app);
        var seal = await app.SealOfAsync(target.Id);
        (await app.HeadAsync()).ShouldBeGreaterThan(seal.Sequence);
        (await app.VerifyAsync()).Intact.ShouldBeTrue();

        // The attacker hides the failed sign-in: outcome rewritten, seal left as it was.
        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync($"""UPDATE audit_events SET "Outcome" = 'Success', "Details" = NULL WHERE "Id" = {target.Id}""");
        var result = await app.VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(seal.Sequence);
        result.Reason!.ShouldContain("altered");
    }

    [Fact]
    public async Task Tampering_WithAFieldAndItsHash_IsCaught_AtTheNextLink()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        var target = await DeniedSignInAsync(app);
        var seal = await app.SealOfAsync(target.Id);

        // A cleverer attacker recomputes the edited event's seal; the next seal still points at the old hash.
        target.Outcome = AuditOutcome.Success;
        var rehashed = AuditChain.ComputeHash(target, seal.Sequence, seal.PreviousHash);
        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync($"""
            UPDATE audit_events SET "Outcome" = 'Success' WHERE "Id" = {target.Id};
            UPDATE audit_seals SET "Hash" = '{rehashed}' WHERE "Sequence" = {seal.Sequence};
            """);
        var result = await app.VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(seal.Sequence + 1);
        result.Reason!.ShouldContain("link");
    }

    [Fact]
    public async Task Deleting_AnEventAndItsSeal_InTheMiddle_IsCaught_AtThatSequence()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        var target = await app.HeadAsync() / 2;

        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync($"""
            DELETE FROM audit_events WHERE "Id" = (SELECT "EventId" FROM audit_seals WHERE "Sequence" = {target});
            DELETE FROM audit_seals WHERE "Sequence" = {target};
            """);
        var result = await app.VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(target);
        result.Reason!.ShouldContain("missing");
    }

    [Fact]
    public async Task Deleting_OnlyTheEvent_IsCaught_AtItsSeal()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        var target = await app.HeadAsync() / 2;

        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync($"""DELETE FROM audit_events WHERE "Id" = (SELECT "EventId" FROM audit_seals WHERE "Sequence" = {target})""");
        var result = await app.VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(target);
        result.Reason!.ShouldContain("missing");
    }

    [Fact]
    public async Task Deleting_OnlyASeal_InTheMiddle_IsCaught_AtThatSequence()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        var target = await app.HeadAsync() / 2;

        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync($"""DELETE FROM audit_seals WHERE "Sequence" = {target}""");
        var result = await app.VerifyAsync();

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(target);
        result.Reason!.ShouldContain("missing");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Truncating_TheNewestRows_AfterACheckpoint_IsCaught(bool eventsToo)
    {
        await using var app = await PrivateApp.StartAsync(provider);
        await app.UseTheSystemAsync();
        var checkpoint = await app.WriteCheckpointAsync();
        checkpoint.ShouldNotBeNull();
        var cut = checkpoint.Sequence - 2;

        // Removing the newest seals (and, or not, their events).
        await app.DropAppendOnlyGuardAsync();
        await app.ExecuteSqlAsync((eventsToo ? $"""DELETE FROM audit_events WHERE "Id" IN (SELECT "EventId" FROM audit_seals WHERE "Sequence" >= {cut});""" : "")
            + $"""DELETE FROM audit_seals WHERE "Sequence" >= {cut}""");
        var result = await app.VerifyAsync();

        // What is left is a perfect chain; only the checkpoint shows rows are gone.
        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(cut);
        result.Reason!.ShouldContain("truncated");

        // Removing the checkpoints from the database too does not help: the file outside it remembers.
        await app.ExecuteSqlAsync("DELETE FROM audit_checkpoints");
        var again = await app.VerifyAsync();
        again.Intact.ShouldBeFalse();
        again.FirstBrokenSequence.ShouldBe(cut);
    }

    [Fact]
    public async Task FailedAuditInsert_RollsBackTheBusinessWrite()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        var headBefore = await app.HeadAsync();
        // The demo data may queue messages of its own at start (a demo registration alert): count from here.
        var messagesBefore = await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync());
        await app.ExecuteSqlAsync(provider == DatabaseProvider.Postgres
            ? """
              CREATE FUNCTION test_audit_store_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER test_audit_store_down BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_audit_store_down();
              """
            : "CREATE TRIGGER test_audit_store_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;");

        // Through the API: a sign-in updates the account and opens a session, then audits.
        var account = app.Demo("frontdesk");
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { userName = account.UserName, password = account.Password, otp = NigehbanApp.CurrentOtp(account.TotpSecret) }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("audit store unavailable");

        // Directly: a business write and an outbox message in one SaveChanges.
        var marker = "fail-closed-" + Guid.NewGuid().ToString("N");
        await Should.ThrowAsync<Exception>(() => app.WithDbAsync(async db =>
        {
            var staff = await db.Set<StaffAccount>().SingleAsync(a => a.UserName == "sho");
            staff.DisplayName = marker;
            OutboxQueue.Enqueue(db, OutboxKinds.Sms, "+920000000000", new { marker }, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        }));

        var state = await app.WithDbAsync(async db => new
        {
            Sessions = await db.Set<StaffSession>().CountAsync(),
            SignedIn = await db.Set<StaffAccount>().Where(a => a.UserName == "frontdesk").Select(a => a.LastSignInAt).SingleAsync(),
            Renamed = await db.Set<StaffAccount>().CountAsync(a => a.DisplayName == marker),
            Messages = await db.Set<OutboxMessage>().CountAsync(),
        });
        state.Sessions.ShouldBe(0);
        state.SignedIn.ShouldBeNull();
        state.Renamed.ShouldBe(0);
        state.Messages.ShouldBe(messagesBefore);
        (await app.HeadAsync()).ShouldBe(headBefore);
    }

    [Fact]
    public async Task FailedAuditInsert_LeavesTheChangesPending_SoARetrySavesThem()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        var trigger = provider == DatabaseProvider.Postgres
            ? """
              CREATE FUNCTION test_audit_store_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER test_audit_store_down BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_audit_store_down();
              """
            : "CREATE TRIGGER test_audit_store_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;";
        await app.ExecuteSqlAsync(trigger);

        var saved = await app.WithDbAsync(async db =>
        {
            var staff = await db.Set<StaffAccount>().SingleAsync(a => a.UserName == "io");
            staff.DisplayName = "Renamed Officer";
            await Should.ThrowAsync<Exception>(() => db.SaveChangesAsync());

            // The audit store is back; the same context saves the same change, audited.
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres
                ? "DROP TRIGGER test_audit_store_down ON audit_events"
                : "DROP TRIGGER test_audit_store_down");
            return await db.SaveChangesAsync();
        });

        saved.ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<StaffAccount>().CountAsync(a => a.DisplayName == "Renamed Officer"))).ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "StaffAccount.updated" && e.Details == "changed: DisplayName"))).ShouldBe(1);
        (await app.VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task ParallelWrites_LeaveAContiguousChain_ThatVerifies()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        var before = await app.HeadAsync();
        var accounts = app.DemoAccounts;

        // A sign-in over HTTP per demo account (each: account update + session + two audit events;
        // a TOTP code is accepted once, so one per account) ...
        var signIns = Enumerable.Range(0, accounts.Count).Select(async i =>
        {
            var account = accounts[i % accounts.Count];
            using var client = app.CreateClient();
            var response = await client.PostAsJsonAsync("/api/v1/auth/token",
                new { userName = account.UserName, password = account.Password, otp = NigehbanApp.CurrentOtp(account.TotpSecret) }, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        });

        // ... and 50 units of work saved at the same time, each in its own scope and transaction.
        var saves = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("test");
            var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
            db.Audit.Record(new AuditEntry("test.parallel", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(Ct);
        }, Ct));

        await Task.WhenAll(signIns.Concat(saves));

        var result = await app.VerifyAsync();
        result.Intact.ShouldBeTrue(result.Reason);
        result.HeadSequence.ShouldBe(before + accounts.Count * 2 + 50);
        result.Unsealed.ShouldBe(0);
        var parallel = await app.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.Action == "test.parallel")
            .Select(e => new { e.ObjectId, Seals = db.Set<AuditSeal>().Count(s => s.EventId == e.Id) }).ToListAsync());
        parallel.Select(p => p.ObjectId).Order().ShouldBe(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());
        parallel.ShouldAllBe(p => p.Seals == 1);
    }

    [Fact]
    public async Task CheckpointWriter_RecordsTheHead_EveryInterval()
    {
        await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:CheckpointInterval"] = "00:00:00.300" });
        await app.UseTheSystemAsync();
        var head = await app.HeadAsync();

        var recorded = await Eventually.ValueAsync(
            () => app.WithDbAsync(db => db.Set<AuditCheckpoint>().AnyAsync(c => c.Sequence == head)),
            found => found);

        recorded.ShouldBeTrue();
        // The writer appends to the file after the row is committed: wait for the file as for the row.
        var line = $"\"Sequence\":{head},";
        var file = Path.Combine(app.DataDirectory, "audit-checkpoints.jsonl");
        var written = await Eventually.ValueAsync(
            async () => File.Exists(file) ? await File.ReadAllTextAsync(file) : "",
            text => text.Contains(line, StringComparison.Ordinal));
        written.ShouldContain(line);
    }

    [Fact]
    public async Task CheckpointWriter_RecordsTheHead_WhenTheHostStops()
    {
        // Checkpoints after seal passes off: only start-up's and the one at stop.
        await using var app = await PrivateApp.StartAsync(provider, new Dictionary<string, string?> { ["Audit:CheckpointAfterSeal"] = "00:00:00" });
        await app.UseTheSystemAsync();
        var head = await app.HeadAsync();
        (await app.WithDbAsync(db => db.Set<AuditCheckpoint>().AnyAsync(c => c.Sequence == head))).ShouldBeFalse();

        var writer = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AuditCheckpointWriter>().Single();
        await writer.StopAsync(Ct);

        (await app.WithDbAsync(db => db.Set<AuditCheckpoint>().MaxAsync(c => c.Sequence))).ShouldBe(head);
    }

    private static Task<AuditEvent> DeniedSignInAsync(PrivateApp app) =>
        app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(e => e.Action == "auth.sign-in" && e.Outcome == AuditOutcome.Denied).SingleAsync());
}

public sealed class AuditTamperingTests_Sqlite() : AuditTamperingTests(DatabaseProvider.Sqlite);

public sealed class AuditTamperingTests_Postgres() : AuditTamperingTests(DatabaseProvider.Postgres);

/// <summary>Polls until a condition holds or a generous deadline passes (background work on a busy machine).</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
