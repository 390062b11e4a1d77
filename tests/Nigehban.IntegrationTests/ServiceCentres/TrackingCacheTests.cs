using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Forces;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// Public tracking answered from the in-process cache (ADR-015): a committed change shows at once,
/// a wrong ID never gets a cached answer, an uncommitted or rolled-back change never gets cached.
/// </summary>
public abstract class TrackingCacheTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Not Lahore: a statistics test counts Lahore's applications while these tests run.</summary>
    private const string OtherUnit = "KSR-PS01";

    private TrackingCache Cache => app.Services.GetRequiredService<TrackingCache>();

    private string Normalised(string nationalId) => app.Services.GetRequiredService<ForcePack>().NationalId.Normalise(nationalId)!;

    private bool IsCached(string reference, string nationalId) => Cache.TryGet(reference, Normalised(nationalId), out _);

    private async Task<JsonElement> TrackAsync(string reference, string nationalId)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task StatusChanges_ShowInTracking_RightAfterTheirResponse_WhenTrackedJustBefore()
    {
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app);
        var desk = await app.SignInAsync("frontdesk");
        var sho = await app.SignInAsync("sho");

        (await TrackAsync(reference, nationalId)).GetProperty("status").GetString().ShouldBe("Submitted");
        IsCached(reference, nationalId).ShouldBeTrue("the first read fills the cache, so the reads below would see a stale entry");

        await TransitionAsync(desk, reference, "DocumentsChecked");
        var view = await TrackAsync(reference, nationalId);
        view.GetProperty("status").GetString().ShouldBe("DocumentsChecked");
        view.GetProperty("timeline").GetArrayLength().ShouldBe(4); // applied, two documents received, documents checked
        (await TrackAsync(reference, nationalId)).GetProperty("status").GetString().ShouldBe("DocumentsChecked");

        await TransitionAsync(desk, reference, "RecordChecked");
        (await TrackAsync(reference, nationalId)).GetProperty("status").GetString().ShouldBe("RecordChecked");

        await TransitionAsync(sho, reference, "Approved");
        view = await TrackAsync(reference, nationalId);
        view.GetProperty("status").GetString().ShouldBe("Approved");
        view.GetProperty("timeline").GetArrayLength().ShouldBe(6);
    }

    [Fact]
    public async Task ReturnForCorrection_ShowsWithItsReason_RightAfterItsResponse_WhenTrackedJustBefore()
    {
        // frontdesk2's station: not Lahore (see OtherUnit).
        var (reference, nationalId) = await ApplyWithDocumentsAsync(app, unit: "SKP-PS01");
        var desk = await app.SignInAsync("frontdesk2");
        (await TrackAsync(reference, nationalId)).GetProperty("reasonForCitizen").ValueKind.ShouldBe(JsonValueKind.Null);
        IsCached(reference, nationalId).ShouldBeTrue();

        await TransitionAsync(desk, reference, "ReturnedForCorrection", "The photograph is not of the applicant.");

        var view = await TrackAsync(reference, nationalId);
        view.GetProperty("status").GetString().ShouldBe("ReturnedForCorrection");
        view.GetProperty("reasonForCitizen").GetString().ShouldBe("The photograph is not of the applicant.");
    }

    [Fact]
    public async Task CachedApplication_Answers404ToAWrongIdAndAMistypedReference_AndStillAnswersItsApplicant()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId, unit: OtherUnit))).GetProperty("reference").GetString()!;
        var first = await TrackAsync(reference, nationalId);
        IsCached(reference, nationalId).ShouldBeTrue();
        var digit = reference[^3] == '9' ? '8' : (char)(reference[^3] + 1);
        var mistyped = reference[..^3] + digit + reference[^2..];
        var client = app.CreateClient();

        foreach (var wrong in new[] { NewCnic(), nationalId[..^1] + (nationalId[^1] == '9' ? '8' : (char)(nationalId[^1] + 1)) })
        {
            (await client.GetAsync($"/api/v1/service-requests/{reference}?nationalId={wrong}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            IsCached(reference, wrong).ShouldBeFalse("a wrong ID is never stored");
        }

        (await client.GetAsync($"/api/v1/service-requests/{mistyped}?nationalId={nationalId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/service-requests/{reference}?nationalId=", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        IsCached(reference, nationalId).ShouldBeTrue("wrong guesses neither evict nor replace the applicant's entry");
        (await TrackAsync(reference, nationalId)).GetRawText().ShouldBe(first.GetRawText());
    }

    [Fact]
    public async Task ChangeInACallersTransaction_IsNotCachedBeforeItsCommit_AndShowsRightAfterIt()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId, unit: OtherUnit))).GetProperty("reference").GetString()!;
        await TrackAsync(reference, nationalId);

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var request = await db.Set<ServiceRequest>().SingleAsync(r => r.Reference == reference, Ct);
            request.MoveTo(ServiceRequestStatus.ReturnedForCorrection, "test", DateTimeOffset.UtcNow, "Upload a clearer photograph.");
            await db.SaveChangesAsync(Ct);

            // Saved, not committed: readers still see the committed state, and whatever they read
            // now must not outlive the commit in the cache.
            (await TrackAsync(reference, nationalId)).GetProperty("status").GetString().ShouldBe("Submitted");
            (await TrackAsync(reference, nationalId)).GetProperty("status").GetString().ShouldBe("Submitted");

            await transaction.CommitAsync(Ct);
            return 0;
        });

        var view = await TrackAsync(reference, nationalId);
        view.GetProperty("status").GetString().ShouldBe("ReturnedForCorrection");
        view.GetProperty("reasonForCitizen").GetString().ShouldBe("Upload a clearer photograph.");
    }

    [Fact]
    public async Task RolledBackChange_LeavesTheCachedAnswerAsCommitted()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId, unit: OtherUnit))).GetProperty("reference").GetString()!;
        var before = await TrackAsync(reference, nationalId);

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var request = await db.Set<ServiceRequest>().SingleAsync(r => r.Reference == reference, Ct);
            request.MoveTo(ServiceRequestStatus.Rejected, "test", DateTimeOffset.UtcNow, "Never committed.");
            await db.SaveChangesAsync(Ct);
            await TrackAsync(reference, nationalId);
            await transaction.RollbackAsync(Ct);
            return 0;
        });

        IsCached(reference, nationalId).ShouldBeTrue("a rollback evicts nothing");
        (await TrackAsync(reference, nationalId)).GetRawText().ShouldBe(before.GetRawText());
        var stored = await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync(Ct));
        stored.ShouldBe(ServiceRequestStatus.Submitted);
    }

    [Fact]
    public async Task ChangeSavedWithoutATransactionOfTheCallers_ShowsRightAfterTheSave()
    {
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId, unit: OtherUnit))).GetProperty("reference").GetString()!;
        await TrackAsync(reference, nationalId);

        await app.WithDbAsync(async db =>
        {
            var request = await db.Set<ServiceRequest>().SingleAsync(r => r.Reference == reference, Ct);
            request.Applicant.Name = "Corrected Name";
            return await db.SaveChangesAsync(Ct);
        });

        (await TrackAsync(reference, nationalId)).GetProperty("applicantName").GetString().ShouldBe("C******** N***");
    }
}

public sealed class TrackingCacheTests_Sqlite(SqliteApp app) : TrackingCacheTests(app);

public sealed class TrackingCacheTests_Postgres(PostgresApp app) : TrackingCacheTests(app);

/// <summary>
/// The expiry bounds how long an answer is served after another app instance changed the
/// application: such a write (here a bulk UPDATE, which this instance's saves never see) shows
/// once the entry has expired on the app's clock, and not before.
/// </summary>
public abstract class TrackingCacheExpiryTests(FakeClockApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string?> StatusAsync(string reference, string nationalId) =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/service-requests/{reference}?nationalId={nationalId}", Ct)).GetProperty("status").GetString();

    [Fact]
    public async Task WriteOfAnotherInstance_ShowsAfterTheExpiry()
    {
        var expiry = app.Services.GetRequiredService<TrackingCacheOptions>().Expiry;
        var nationalId = NewCnic();
        var reference = (await SubmitAsync(app.CreateClient(), Application(nationalId))).GetProperty("reference").GetString()!;
        (await StatusAsync(reference, nationalId)).ShouldBe("Submitted");

        await app.WithDbAsync(db => db.Set<ServiceRequest>().IgnoreQueryFilters().Where(r => r.Reference == reference)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ServiceRequestStatus.DocumentsChecked), Ct));

        app.Clock.Advance(expiry - TimeSpan.FromSeconds(1));
        (await StatusAsync(reference, nationalId)).ShouldBe("Submitted", "within its expiry the entry is served");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await StatusAsync(reference, nationalId)).ShouldBe("DocumentsChecked");

        // Nobody reads it again: the periodic sweep on the app's clock drops it (and its national ID).
        var cache = app.Services.GetRequiredService<TrackingCache>();
        cache.Count.ShouldBe(1);
        app.Clock.Advance(expiry * 2);
        cache.Count.ShouldBe(0);
    }
}

public sealed class TrackingCacheExpiryTests_Sqlite(FakeClockSqliteApp app) : TrackingCacheExpiryTests(app), IClassFixture<FakeClockSqliteApp>;

public sealed class TrackingCacheExpiryTests_Postgres(FakeClockPostgresApp app) : TrackingCacheExpiryTests(app), IClassFixture<FakeClockPostgresApp>;
