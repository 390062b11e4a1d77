using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// A submission inserts first and looks for the first request only when the Idempotency-Key's
/// unique index refuses the row (ADR-013). These pin what that must not change: a replay, raced or
/// not, answers the first response and writes nothing; a key reused for another request is a
/// 422; any other refusal of the database is not mistaken for a replay.
/// </summary>
public abstract class SubmissionIdempotencyTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An application whose phone number no other test uses, so its SMS can be counted.</summary>
    private static (object Application, string Phone) WithOwnPhone(string nationalId)
    {
        var phone = NewPhone();
        return (new
        {
            serviceCode = "character-certificate",
            unit = "LHR-PS01",
            applicant = new { nationalId, name = "Test Applicant", parentName = "Test Father", phone, address = "House 1, Test Street" },
            details = new { purpose = "employment abroad" },
        }, phone);
    }

    [Fact]
    public async Task Submit_RacingReplays_AllAnswerTheFirstResponse_AndOnlyOneIsWritten()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var key = Guid.NewGuid().ToString();
        var (application, phone) = WithOwnPhone(NewCnic());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SubmitAsync(app.CreateClient(), application, key), Ct)));

        answers.Select(a => a.GetProperty("reference").GetString()).Distinct().Count().ShouldBe(1);
        var rows = await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => r.IdempotencyKey == key).Select(r => r.Id).ToListAsync(Ct));
        rows.Count.ShouldBe(1);
        (await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Recipient == phone, Ct))).ShouldBe(1);

        // A refused replay's audit event would name an application that does not exist: its
        // transaction rolled back with the row. Events commit with their rows, so every event of
        // an application created since the test began names a stored one.
        var audited = await app.WithDbAsync(db => db.Set<AuditEvent>()
            .Where(e => e.ObjectType == nameof(ServiceRequest) && e.Action == "ServiceRequest.created" && e.OccurredAt >= since)
            .Select(e => e.ObjectId!).ToListAsync(Ct));
        var ids = audited.Select(Guid.Parse).ToList();
        var stored = await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(Ct));
        ids.ShouldContain(rows[0]);
        ids.Except(stored).ShouldBeEmpty();
    }

    public static TheoryData<string> OtherRequests() => ["another applicant", "another unit", "another name", "another language"];

    [Theory]
    [MemberData(nameof(OtherRequests))]
    public async Task Submit_Returns422NamingIdempotencyKey_WhenTheKeyComesWithADifferentRequest(string difference)
    {
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var nationalId = NewCnic();
        var first = await SubmitAsync(client, RequestBodies.With(Application(nationalId), "language", "en"), key);
        var other = difference switch
        {
            "another applicant" => Application(NewCnic()),
            "another unit" => Application(nationalId, unit: "LHR-PS02"),
            // The language decides what the applicant's messages are written in.
            "another language" => RequestBodies.With(Application(nationalId), "language", "ur"),
            _ => Application(nationalId, name: "Another Applicant"),
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(other) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("Idempotency-Key");
        var stored = await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => r.IdempotencyKey == key).Select(r => r.Reference).ToListAsync(Ct));
        stored.ShouldBe([first.GetProperty("reference").GetString()!]);
    }

    [Fact]
    public async Task Submit_TrueReplay_SaysItIsOne_AndTheFirstAnswerDoesNot()
    {
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var application = Application(NewCnic());

        var first = await PostAsync(client, application, key);
        var replay = await PostAsync(client, application, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object application, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(application) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Submit_WithAKey_RethrowsAUniqueViolationOfAnotherIndex_InsteadOfAnsweringAReplay()
    {
        // A year no other test numbers in, so this test owns the counter (PKM, LHR, 2031).
        var clock = new FixedClock(new DateTimeOffset(2031, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var first = await SubmitDirectAsync(clock, Guid.NewGuid().ToString());
        first.Reference.ShouldStartWith("PKM-LHR-31-000001-");

        // The counter goes back (a restored backup, say): the next block repeats a stored reference.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE reference_counters SET "NextValue" = 1 WHERE "Kind" = 'PKM' AND "District" = 'LHR' AND "Year" = 2031""", Ct));
        var key = Guid.NewGuid().ToString();

        var failure = await Should.ThrowAsync<DbUpdateException>(() => SubmitDirectAsync(clock, key));

        UniqueViolations.IsOn(failure, IndexOn(nameof(ServiceRequest.Reference))).ShouldBeTrue();
        UniqueViolations.IsOn(failure, IndexOn(nameof(ServiceRequest.IdempotencyKey))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.Set<ServiceRequest>().CountAsync(r => r.IdempotencyKey == key, Ct))).ShouldBe(0);
    }

    private Microsoft.EntityFrameworkCore.Metadata.IIndex IndexOn(string property)
    {
        using var db = app.Services.GetRequiredService<IDbContextFactory<NigehbanDbContext>>().CreateDbContext();
        return db.Model.FindEntityType(typeof(ServiceRequest))!.GetIndexes().Single(i => i.Properties is [{ } p] && p.Name == property);
    }

    /// <summary>The handler as the endpoint runs it, with its own clock and a fresh block of reference numbers (a new process).</summary>
    private async Task<SubmittedServiceRequest> SubmitDirectAsync(TimeProvider time, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<JurisdictionScope>().Unrestricted("test");
        var db = services.GetRequiredService<NigehbanDbContext>();
        var units = services.GetRequiredService<UnitDirectory>();
        var force = services.GetRequiredService<ForcePack>();
        var references = new AllocateReferenceNumber(db, units, force, time, new ReferenceBlocks());
        var handler = new SubmitServiceRequestHandler(
            db,
            services.GetRequiredService<ServiceCatalogue>(),
            units,
            force,
            services.GetRequiredService<CurrentUser>(),
            services.GetRequiredService<JurisdictionScope>(),
            new ServiceRequestClock(time, references, services.GetRequiredService<DeadlineCalculator>(), services.GetRequiredService<ServiceCatalogue>()),
            new ServiceRequestNotifications(db, time, force),
            services.GetRequiredService<GroupCommit>(),
            services.GetServices<Nigehban.Web.Platform.Documents.IRecordCopies>());
        var command = new SubmitServiceRequestCommand("character-certificate", "LHR-PS01",
            new ApplicantInput(NewCnic(), "Test Applicant", null, "+923001234567", null, null), null, null);
        return await handler.HandleAsync(command, key, Ct);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SubmissionIdempotencyTests_Sqlite(SqliteApp app) : SubmissionIdempotencyTests(app);

public sealed class SubmissionIdempotencyTests_Postgres(PostgresApp app) : SubmissionIdempotencyTests(app);
