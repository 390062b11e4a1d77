using System.Net;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Platform.Audit;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// Investigation of an FIR (issue 17, item 2): the IO's transfer, the diary, arrests, recoveries and
/// the stages, who may do each, bad input naming the field, and jurisdiction.
/// </summary>
public abstract class InvestigationTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewFirAsync() =>
        (await RegisterAsync(await app.SignInAsync("frontdesk"), Fir(NewPhone()))).GetProperty("reference").GetString()!;

    [Fact]
    public async Task Transfer_ToAnOfficerOfTheStation_IsAuditedWithItsReason_AndOnlyTheNewIoAndTheShoWriteTheDiary()
    {
        var reference = await NewFirAsync();
        var station = app.Demo("io").Unit;
        var newIo = await CreateOfficerAsync(app, station);
        var sho = await app.SignInAsync("sho");
        var oldIo = await app.SignInAsync("io");

        // The case's own IO cannot hand it on: that is a supervisor's decision.
        (await AssignOfficerAsync(oldIo, reference, newIo.UserName, "leave")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var assigned = await OkAsync(await AssignOfficerAsync(sho, reference, newIo.UserName, "The first IO is on leave for a month"));
        assigned.GetProperty("previousOfficer").GetString().ShouldBe("io");

        var newIoClient = await app.BearerClientAsync(newIo.UserName, newIo.Password, IdentityTestKit.Otp(newIo.TotpSecret, DateTimeOffset.UtcNow));
        (await DiaryAsync(newIoClient, reference, "Visited the place of occurrence; two witnesses examined.")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await DiaryAsync(oldIo, reference, "Not my case any more.")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await DiaryAsync(sho, reference, "Supervised: the investigation is to be completed within its deadline.")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await FieldOfAsync(await DiaryAsync(sho, reference, "  "), 400)).ShouldBe("text");

        var investigation = await InvestigationAsync(newIoClient, reference);
        investigation.GetProperty("investigatingOfficer").GetString().ShouldBe(newIo.UserName);
        investigation.GetProperty("diary").EnumerateArray().Select(e => e.GetProperty("author").GetString()).ShouldBe([newIo.UserName, "sho"]);
        var transfer = investigation.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "OfficerAssigned");
        transfer.GetProperty("reason").GetString().ShouldBe("The first IO is on leave for a month");
        var audit = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.Action == "fir.officer-assigned" && a.ObjectId == reference).ToListAsync(Ct));
        audit.ShouldHaveSingleItem().Details!.ShouldContain("on leave");
    }

    [Theory]
    [InlineData("elsewhere", "officer", 400)]
    [InlineData("front-desk", "officer", 400)]
    [InlineData("no-reason", "reason", 400)]
    public async Task Transfer_ToSomeoneWhoCannotInvestigateHere_IsRefusedNamingTheField_AndChangesNothing(string what, string field, int status)
    {
        var reference = await NewFirAsync();
        var officer = what switch
        {
            "elsewhere" => (await CreateOfficerAsync(app, "LHR-PS02")).UserName,
            "front-desk" => "frontdesk",
            _ => (await CreateOfficerAsync(app, app.Demo("io").Unit)).UserName,
        };

        var response = await AssignOfficerAsync(await app.SignInAsync("sho"), reference, officer, what == "no-reason" ? null : "Workload");

        (await FieldOfAsync(response, status)).ShouldBe(field);
        (await app.WithDbAsync(db => db.Set<Fir>().AsNoTracking().SingleAsync(f => f.Reference == reference, Ct))).InvestigatingOfficerUserName.ShouldBe("io");
    }

    [Fact]
    public async Task Arrest_NeedsANamedPerson_AndIsDueInCourtByThePacksCustodyLimit()
    {
        var reference = await NewFirAsync();
        var io = await app.SignInAsync("io");
        var custody = DateTimeOffset.UtcNow.AddHours(-2);

        (await FieldOfAsync(await ArrestAsync(io, reference, new { custodyStartedAt = custody }), 400)).ShouldBe("person");
        (await FieldOfAsync(await ArrestAsync(io, reference, new { person = "Test Accused", accusedPosition = 0 }), 400)).ShouldBe("accusedPosition");
        (await FieldOfAsync(await ArrestAsync(io, reference, new { person = "Test Accused", custodyStartedAt = DateTimeOffset.UtcNow.AddDays(1) }), 400)).ShouldBe("custodyStartedAt");
        var arrest = await CreatedAsync(await ArrestAsync(io, reference, new { person = "Test Accused", accusedPosition = 3, custodyStartedAt = custody }));

        var produceBy = arrest.GetProperty("produceBy").GetDateTimeOffset();
        (produceBy - arrest.GetProperty("custodyStartedAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromHours(24)); // Punjab: before a magistrate within 24 hours
        var stored = await app.WithDbAsync(db => db.Set<FirArrest>().AsNoTracking().SingleAsync(a => a.Reference == reference, Ct));
        stored.PersonName.ShouldBe("Test Accused");
        stored.AccusedPosition.ShouldBe(3);
    }

    [Fact]
    public async Task Recovery_OfNarcotics_NeedsItsQuantityAndUnit_AndBadKindsAreNamed()
    {
        var reference = await NewFirAsync();
        var io = await app.SignInAsync("io");

        (await FieldOfAsync(await RecoveryAsync(io, reference, new { kind = "jewels", description = "A ring" }), 400)).ShouldBe("kind");
        (await FieldOfAsync(await RecoveryAsync(io, reference, new { kind = "narcotics", description = "Charas" }), 400)).ShouldBe("quantity");
        (await FieldOfAsync(await RecoveryAsync(io, reference, new { kind = "narcotics", description = "Charas", quantity = 1.5m }), 400)).ShouldBe("unit");
        (await FieldOfAsync(await RecoveryAsync(io, reference, new { kind = "weapon", description = "" }), 400)).ShouldBe("description");
        (await FieldOfAsync(await RecoveryAsync(io, reference, new { kind = "narcotics", description = "Charas", quantity = -1m, unit = "kg" }), 400)).ShouldBe("quantity");

        (await RecoveryAsync(io, reference, new { kind = "narcotics", description = "Charas in a bag", quantity = 1.25m, unit = "kg" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await RecoveryAsync(io, reference, new { kind = "weapon", description = "A .30 bore pistol" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var recoveries = (await InvestigationAsync(io, reference)).GetProperty("recoveries").EnumerateArray().ToList();
        recoveries.Select(r => r.GetProperty("kind").GetString()).ShouldBe(["Narcotics", "Weapon"]);
        recoveries[0].GetProperty("quantity").GetDecimal().ShouldBe(1.25m);
        recoveries[0].GetProperty("unit").GetString().ShouldBe("kg");
    }

    [Fact]
    public async Task Stages_MoveOnlyTheLegalWay_IllegalMovesAre409_AndAClosedCaseTakesNoArrests()
    {
        var reference = await NewFirAsync();
        var io = await app.SignInAsync("io");

        (await FieldOfAsync(await StageAsync(io, reference, "closed"), 400)).ShouldBe("stage");
        (await StageAsync(io, reference, "convicted")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await FieldOfAsync(await StageAsync(io, reference, "cancelled"), 400)).ShouldBe("note");
        var challan = await OkAsync(await StageAsync(io, reference, "challanSubmitted"));
        challan.GetProperty("challanInTime").GetBoolean().ShouldBeTrue();
        (await StageAsync(io, reference, "untraced")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ArrestAsync(io, reference, new { person = "Late Arrest" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await OkAsync(await StageAsync(io, reference, "convicted"))).GetProperty("stage").GetString().ShouldBe("Convicted");
        (await StageAsync(io, reference, "acquitted")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var history = (await InvestigationAsync(io, reference)).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("details").GetString()).ToList();
        history.ShouldBe(["UnderInvestigation → ChallanSubmitted", "ChallanSubmitted → Convicted"]);
    }

    [Fact]
    public async Task Untraced_ReopensOnlyWithANote()
    {
        var reference = await NewFirAsync();
        var sho = await app.SignInAsync("sho");

        await OkAsync(await StageAsync(sho, reference, "untraced"));
        (await FieldOfAsync(await StageAsync(sho, reference, "underInvestigation"), 400)).ShouldBe("note");
        (await OkAsync(await StageAsync(sho, reference, "underInvestigation", "The accused was identified from CCTV"))).GetProperty("stage").GetString().ShouldBe("UnderInvestigation");
    }

    [Fact]
    public async Task Cases_TheIoSeesHisAndHisStations_TheShoHisStation_TheDpoHisDistrict_AnotherDistrict404()
    {
        var reference = await NewFirAsync();
        var io = await app.SignInAsync("io");

        var mine = await OkAsync(await io.GetAsync("/api/v1/investigations?mine=true&pageSize=100", Ct));
        mine.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("reference").GetString() == reference);
        mine.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("investigatingOfficer").GetString() == "io");
        foreach (var reader in new[] { "io", "sho", "dpo" })
        {
            var client = await app.SignInAsync(reader);
            (await InvestigationAsync(client, reference)).GetProperty("stage").GetString().ShouldBe("UnderInvestigation");
            var list = await OkAsync(await client.GetAsync("/api/v1/investigations?stage=underInvestigation&pageSize=100", Ct));
            list.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("reference").GetString() == reference);
        }

        var outsider = await app.SignInAsync("dpo2");
        (await outsider.GetAsync($"/api/v1/firs/{reference}/investigation", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DiaryAsync(outsider, reference, "Outside")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OkAsync(await outsider.GetAsync("/api/v1/investigations?pageSize=100", Ct))).GetProperty("items").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("reference").GetString() == reference);
        (await outsider.GetAsync($"/api/v1/investigations/stages?unit={app.Demo("io").Unit}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FieldOfAsync(await io.GetAsync("/api/v1/investigations?stage=closed", Ct), 400)).ShouldBe("stage");

        // The front desk reads the FIR but does not investigate it.
        (await DiaryAsync(await app.SignInAsync("frontdesk"), reference, "Desk note")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class InvestigationTests_Sqlite(SqliteApp app) : InvestigationTests(app);

public sealed class InvestigationTests_Postgres(PostgresApp app) : InvestigationTests(app);
