using System.Net;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Outbox;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;
using static Nigehban.IntegrationTests.Records.RecordsFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>Bulk use of person search (issue 19, item 3): refused with 429, audited, and flagged once to the officer's in-charge.</summary>
public abstract class LookupGuardTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string UserName)> OfficerAsync()
    {
        var staff = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.InvestigatingOfficer);
        return (await app.BearerClientAsync(staff.UserName, staff.Password, IdentityTestKit.Otp(staff.TotpSecret, DateTimeOffset.UtcNow)), staff.UserName);
    }

    [Fact]
    public async Task WalkingNationalIdsInSequence_Is429_AndAlertsTheInChargeOnce()
    {
        var (officer, userName) = await OfficerAsync();
        var first = long.Parse(NewCnic()[..12] + "0", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 3; i++)
        {
            (await SearchAsync(officer, $"purpose=verification&nationalId={first + i}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await FieldOfAsync(await SearchAsync(officer, $"purpose=verification&nationalId={first + 3}"), 429)).ShouldBe("nationalId");
        // Stopped for a minute, whatever is asked next; the in-charge is told once.
        (await SearchAsync(officer, "purpose=verification&name=Ali")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var alerts = await AlertsAboutAsync(userName);
        alerts.Count.ShouldBe(1);
        alerts[0].Recipient.ShouldBe($"unit:{app.Demo("frontdesk").Unit}:in-charge");
        alerts[0].Payload.ShouldContain("Walking");
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "person.lookup" && e.ActorName == userName && e.Outcome == AuditOutcome.Denied, Ct)))
            .ShouldBe(2);
    }

    [Fact]
    public async Task MoreLookupsInAMinuteThanThePackAllows_Is429_AndAlertsTheInCharge()
    {
        var (officer, userName) = await OfficerAsync();
        for (var i = 0; i < 30; i++)
        {
            var response = await SearchAsync(officer, "purpose=investigation&name=" + Q("Test Nobody Bulk"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"lookup {i + 1}: {await response.Content.ReadAsStringAsync(Ct)}");
        }

        (await FieldOfAsync(await SearchAsync(officer, "purpose=investigation&name=" + Q("Test Nobody Bulk")), 429)).ShouldBe("purpose");
        (await AlertsAboutAsync(userName)).Single().Payload.ShouldContain("TooMany");
        // Another officer is not held up by this one.
        var (other, _) = await OfficerAsync();
        (await SearchAsync(other, "purpose=investigation&name=" + Q("Test Nobody Bulk"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<List<OutboxMessage>> AlertsAboutAsync(string userName) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Kind == OutboxKinds.Alert && m.Payload.Contains("bulk-person-lookups") && m.Payload.Contains(userName)).ToListAsync(Ct));
}

public sealed class LookupGuardTests_Sqlite(SqliteApp app) : LookupGuardTests(app);

public sealed class LookupGuardTests_Postgres(PostgresApp app) : LookupGuardTests(app);
