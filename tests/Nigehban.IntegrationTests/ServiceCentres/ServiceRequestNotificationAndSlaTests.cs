using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

public abstract class ServiceRequestNotificationAndSlaTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submission_AndEveryStatusChange_QueueAnSmsToTheApplicant()
    {
        var (reference, _) = await ApplyWithDocumentsAsync(app);
        var desk = await app.SignInAsync("frontdesk");
        await TransitionAsync(desk, reference, "DocumentsChecked");

        var texts = await app.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Kind == OutboxKinds.Sms && m.Payload.Contains(reference))
            .Select(m => m.Payload).ToListAsync(Ct));

        texts.Count.ShouldBe(2);
        texts.ShouldContain(t => t.Contains("was received"));
        texts.ShouldContain(t => t.Contains("DocumentsChecked"));
    }

    [Fact]
    public async Task OverdueRequest_IsMarkedBreachedOnce_AndAlertsTheCentreInCharge()
    {
        var (reference, _) = await ApplyWithDocumentsAsync(app);
        await app.WithDbAsync(async db =>
        {
            var request = await db.Set<ServiceRequest>().SingleAsync(r => r.Reference == reference, Ct);
            request.DueAt = DateTimeOffset.UtcNow.AddHours(-1);
            return await db.SaveChangesAsync(Ct);
        });

        await EscalateAsync();
        await EscalateAsync();

        var request = await app.WithDbAsync(db => db.Set<ServiceRequest>().AsNoTracking().SingleAsync(r => r.Reference == reference, Ct));
        request.BreachedAt.ShouldNotBeNull();
        var alerts = await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains(reference), Ct));
        alerts.ShouldBe(1);

        var sho = await app.SignInAsync("sho");
        var overdue = await sho.GetFromJsonAsync<JsonElement>("/api/v1/service-requests?overdue=true&pageSize=100", Ct);
        overdue.GetProperty("items").EnumerateArray().ShouldContain(r => r.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task Payment_Returns400_WhenAmountIsNotTheFee_And409_WhenPaidTwice()
    {
        var (reference, _) = await ApplyWithDocumentsAsync(app);
        var desk = await app.SignInAsync("frontdesk");

        var wrongAmount = await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 50 }, Ct);
        ((int)wrongAmount.StatusCode).ShouldBe(400);
        (await wrongAmount.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("amount");
        var noReference = await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "MobileMoney", amount = 500 }, Ct);
        (await noReference.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("externalReference");
        ((int)(await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Bank", amount = 500, externalReference = "HBL-TEST-0001" }, Ct)).StatusCode).ShouldBe(201);
        ((int)(await desk.PostAsJsonAsync($"/api/v1/service-requests/{reference}/payments", new { method = "Cash", amount = 500 }, Ct)).StatusCode).ShouldBe(409);
    }

    [Fact]
    public async Task CounterApplication_TakenByStaffOutsideTheirJurisdiction_Returns400NamingTheUnit()
    {
        var desk = await app.SignInAsync("frontdesk");
        var application = new
        {
            serviceCode = "tenant-registration",
            unit = "SKP-PS01",
            channel = "counter",
            applicant = new { nationalId = NewCnic(), name = "Test Tenant" },
        };

        var response = await desk.PostAsJsonAsync("/api/v1/service-requests", application, Ct);

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("unit");
    }

    [Fact]
    public async Task CitizenCannotUseTheCounterChannel()
    {
        var application = new
        {
            serviceCode = "tenant-registration",
            unit = "LHR-PS01",
            channel = "counter",
            applicant = new { nationalId = NewCnic(), name = "Test Tenant" },
        };

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/service-requests", application, Ct);

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString().ShouldBe("channel");
    }

    [Fact]
    public async Task Statistics_CountReceivedAndDelivered_ForTheCallersJurisdictionOnly()
    {
        // A Lahore station no other test of the shared app applies at: the tests run in parallel, and
        // Lahore's own count moves under a before/after comparison.
        var dpo = await app.SignInAsync("dpo");
        var before = await dpo.GetFromJsonAsync<JsonElement>("/api/v1/service-requests/statistics?unit=LHR-PS02", Ct);
        var (reference, _) = await ApplyWithDocumentsAsync(app, unit: "LHR-PS02");
        await ApplyWithDocumentsAsync(app, unit: "SKP-PS01");

        var after = await dpo.GetFromJsonAsync<JsonElement>("/api/v1/service-requests/statistics?unit=LHR-PS02", Ct);
        after.GetProperty("received").GetInt32().ShouldBe(before.GetProperty("received").GetInt32() + 1);
        // Another district's unit is outside the DPO's jurisdiction: it does not exist for them (ADR-024).
        (await dpo.GetAsync("/api/v1/service-requests/statistics?unit=SKP-PS01", Ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        var ownDistrictOnly = await dpo.GetFromJsonAsync<JsonElement>("/api/v1/service-requests/statistics", Ct);
        ownDistrictOnly.GetProperty("received").GetInt32().ShouldBeGreaterThanOrEqualTo(after.GetProperty("received").GetInt32());
        reference.ShouldStartWith("PKM-LHR-");
    }

    private async Task EscalateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalateOverdueRequestsHandler>().RunAsync(500, Ct);
    }
}

public sealed class ServiceRequestNotificationAndSlaTests_Sqlite(SqliteApp app) : ServiceRequestNotificationAndSlaTests(app);

public sealed class ServiceRequestNotificationAndSlaTests_Postgres(PostgresApp app) : ServiceRequestNotificationAndSlaTests(app);
