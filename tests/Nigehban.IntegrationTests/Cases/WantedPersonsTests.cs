using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.ServiceCentres;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Watchlists;
using Shouldly;
using static Nigehban.IntegrationTests.Cases.FirFixtures;
using static Nigehban.IntegrationTests.Cases.InvestigationFixtures;
using static Nigehban.IntegrationTests.Cases.WantedFixtures;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;

namespace Nigehban.IntegrationTests.Cases;

/// <summary>
/// Proclaimed offenders and warrants (issue 17, item 3): who may record them, bad input naming the
/// field, a PO arrested through the case's arrest or an executed warrant, and the one interface other
/// modules match against (<see cref="IWantedPersons"/>), resolved from DI as another module would.
/// </summary>
public abstract class WantedPersonsTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewFirAsync(string accused, string? nationalId = null) =>
        (await RegisterAsync(await app.SignInAsync("frontdesk"), FirWithAccused(NewPhone(), accused, nationalId))).GetProperty("reference").GetString()!;

    private async Task<T> WantedAsync<T>(Func<IWantedPersons, Task<T>> ask)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ask(scope.ServiceProvider.GetRequiredService<IWantedPersons>());
    }

    [Fact]
    public async Task TheServiceCentresRecordCheck_ShowsAProclaimedOffender_ByNationalIdAndByName()
    {
        // Issue 19's record check: a certificate applicant proclaimed in a case is a hit the approving
        // officer sees, though nobody put him on record in the records module.
        var name = NewName("Test Applicant Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        var reference = await NewFirAsync(name, cnic);
        await CreatedAsync(await ProclaimAsync(await app.SignInAsync("io"), reference,
            new { accusedPosition = NamedAccused, proclaimedOn = Day(Today), court = "Court of the Test Magistrate", fatherName = "Test Father" }));

        await using var scope = app.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<Nigehban.Web.Features.Records.IRecordCheck>();
        var byId = await check.CheckAsync(cnic, "Someone Else Entirely", null, Ct);
        var byName = await check.CheckAsync(ServiceCentreFixtures.NewCnic(), name, "Test Father", Ct);
        var clear = await check.CheckAsync(ServiceCentreFixtures.NewCnic(), name, "Another Father", Ct);

        byId.Hits.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            h => h.Source.ShouldBe("proclaimed offender"), h => h.MatchedOn.ShouldBe("national ID"), h => h.Reason.ShouldContain("Court of the Test Magistrate"));
        byName.Hits.ShouldHaveSingleItem().MatchedOn.ShouldBe("name");
        clear.IsClear.ShouldBeTrue();
    }

    [Fact]
    public async Task AProclaimedAccused_IsWanted_ByNationalIdAndByNameWithFather_UntilArrestedInTheCase()
    {
        var name = NewName("Test Absconder");
        var cnic = ServiceCentreFixtures.NewCnic();
        var reference = await NewFirAsync(name, cnic);
        var io = await app.SignInAsync("io");

        var proclaimed = await CreatedAsync(await ProclaimAsync(io, reference,
            new { accusedPosition = NamedAccused, proclaimedOn = Day(Today), court = "Court of the Test Magistrate", fatherName = "Test Father" }));
        proclaimed.GetProperty("status").GetString().ShouldBe("Wanted");

        var digits = new string([.. cnic.Where(char.IsDigit)]);
        var byId = (await WantedAsync(w => w.ByNationalIdAsync(digits, Ct))).ShouldHaveSingleItem();
        byId.FirReference.ShouldBe(reference);
        byId.StationCode.ShouldBe("LHR-PS01");
        byId.WantedSince.ShouldBe(Today);
        (await WantedAsync(w => w.ByNationalIdAsync(cnic, Ct))).ShouldHaveSingleItem(); // as written, with its dashes
        (await WantedAsync(w => w.ByNameAsync(name.ToUpperInvariant().Replace(" ", "  ", StringComparison.Ordinal), "test father", Ct))).ShouldHaveSingleItem();
        (await WantedAsync(w => w.ByNameAsync(name, "Another Father", Ct))).ShouldBeEmpty();
        (await WantedAsync(w => w.ByNameAsync(name, null, Ct))).ShouldHaveSingleItem();

        var list = await OkAsync(await io.GetAsync("/api/v1/wanted-persons?unit=LHR-PS01&pageSize=100", Ct));
        list.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("reference").GetString() == reference);

        await CreatedAsync(await ArrestAsync(io, reference, new { person = name, accusedPosition = NamedAccused }));

        (await WantedAsync(w => w.ByNationalIdAsync(digits, Ct))).ShouldBeEmpty();
        (await WantedAsync(w => w.ByNameAsync(name, "Test Father", Ct))).ShouldBeEmpty();
        var wanted = (await CaseWantedAsync(io, reference)).GetProperty("wanted").EnumerateArray().ShouldHaveSingleItem();
        wanted.GetProperty("status").GetString().ShouldBe("Arrested");
        wanted.GetProperty("arrestedThrough").GetString().ShouldBe("arrest");
        var audit = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(a => a.Action == "fir.offender-proclaimed" && a.ObjectId == reference).ToListAsync(Ct));
        audit.ShouldHaveSingleItem().Details!.ShouldContain("Test Magistrate");
    }

    [Theory]
    [InlineData(99, 0, "court", "accusedPosition")] // no such party
    [InlineData(2, 0, "court", "accusedPosition")] // the unknown accused
    [InlineData(4, 0, "court", "accusedPosition")] // a witness
    [InlineData(1, 0, "court", "accusedPosition")] // the victim
    [InlineData(NamedAccused, 1, "court", "proclaimedOn")] // tomorrow
    [InlineData(NamedAccused, -30, "court", "proclaimedOn")] // before the occurrence
    [InlineData(NamedAccused, 0, "", "court")]
    public async Task Proclaiming_RefusesBadInput_NamingTheField_AndRecordsNothing(int position, int daysFromToday, string court, string field)
    {
        var reference = await NewFirAsync(NewName("Test Accused"));

        var response = await ProclaimAsync(await app.SignInAsync("io"), reference,
            new { accusedPosition = position, proclaimedOn = Day(Today.AddDays(daysFromToday)), court = court == "court" ? "Test Court" : court });

        (await FieldOfAsync(response, 400)).ShouldBe(field);
        (await app.WithDbAsync(db => db.Set<WantedPerson>().AsNoTracking().CountAsync(w => w.Reference == reference, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Proclaiming_TwiceIs409_OthersOfTheStationGet403_AndAnotherDistrict404()
    {
        var reference = await NewFirAsync(NewName("Test Accused"));
        var proclamation = new { accusedPosition = NamedAccused, proclaimedOn = Day(Today), court = "Test Court" };

        (await ProclaimAsync(await app.SignInAsync("frontdesk"), reference, proclamation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProclaimAsync(await app.SignInAsync("dpo2"), reference, proclamation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.SignInAsync("dpo2")).GetAsync($"/api/v1/firs/{reference}/wanted", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await CreatedAsync(await ProclaimAsync(await app.SignInAsync("sho"), reference, proclamation));
        (await ProclaimAsync(await app.SignInAsync("io"), reference, proclamation)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var outside = await OkAsync(await (await app.SignInAsync("dpo2")).GetAsync("/api/v1/wanted-persons?pageSize=100", Ct));
        outside.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task ConcurrentProclamationsAndWarrants_OneProclamationWins_EachWarrantGetsItsOwnNumberOr409_NeverA500()
    {
        var reference = await NewFirAsync(NewName("Test Accused"));
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.SignInAsync("io")));

        var proclaimed = await Task.WhenAll(clients.Select(c =>
            ProclaimAsync(c, reference, new { accusedPosition = NamedAccused, proclaimedOn = Day(Today), court = "Test Court" })));
        var warrants = await Task.WhenAll(clients.Select(c =>
            WarrantAsync(c, reference, new { partyPosition = NamedAccused, issuedOn = Day(Today), court = "Test Court" })));

        proclaimed.Select(r => (int)r.StatusCode).Order().ShouldBe([201, 409, 409, 409, 409, 409]);
        warrants.Select(r => (int)r.StatusCode).ShouldAllBe(status => status == 201 || status == 409);
        var numbers = await app.WithDbAsync(db => db.Set<FirWarrant>().AsNoTracking().Where(w => w.Reference == reference).Select(w => w.Number).ToListAsync(Ct));
        numbers.Order().ShouldBe(Enumerable.Range(1, warrants.Count(r => r.StatusCode == HttpStatusCode.Created)));
    }

    [Fact]
    public async Task AnExecutedWarrant_ArrestsTheProclaimedOffender_OnceOnly_AndAReturnedOneNeedsItsReason()
    {
        var name = NewName("Test Absconder");
        var reference = await NewFirAsync(name);
        var io = await app.SignInAsync("io");
        await CreatedAsync(await ProclaimAsync(io, reference, new { accusedPosition = NamedAccused, proclaimedOn = Day(Today.AddDays(-1)), court = "Test Court" }));

        (await FieldOfAsync(await WarrantAsync(io, reference, new { partyPosition = 2, issuedOn = Day(Today), court = "Test Court" }), 400)).ShouldBe("partyPosition");
        (await FieldOfAsync(await WarrantAsync(io, reference, new { partyPosition = NamedAccused, issuedOn = Day(Today.AddDays(2)), court = "Test Court" }), 400)).ShouldBe("issuedOn");
        var first = await CreatedAsync(await WarrantAsync(io, reference, new { partyPosition = NamedAccused, issuedOn = Day(Today.AddDays(-1)), court = "Test Court" }));
        var second = await CreatedAsync(await WarrantAsync(io, reference, new { partyPosition = 4, issuedOn = Day(Today), court = "Test Court" }));
        first.GetProperty("number").GetInt32().ShouldBe(1);
        second.GetProperty("number").GetInt32().ShouldBe(2);

        (await FieldOfAsync(await ExecuteAsync(io, reference, 1, new { executedOn = Day(Today.AddDays(-2)), officer = "Test Constable" }), 400)).ShouldBe("executedOn");
        (await FieldOfAsync(await ExecuteAsync(io, reference, 1, new { executedOn = Day(Today) }), 400)).ShouldBe("officer");
        (await FieldOfAsync(await ExecuteAsync(io, reference, 9, new { executedOn = Day(Today), officer = "Test Constable" }), 404)).ShouldBe("number");
        (await OkAsync(await ExecuteAsync(io, reference, 1, new { executedOn = Day(Today), officer = "Test Constable" }))).GetProperty("status").GetString().ShouldBe("Executed");
        (await ExecuteAsync(io, reference, 1, new { executedOn = Day(Today), officer = "Test Constable" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ReturnAsync(io, reference, 1, new { returnedOn = Day(Today), reason = "Too late" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await FieldOfAsync(await ReturnAsync(io, reference, 2, new { returnedOn = Day(Today) }), 400)).ShouldBe("reason");
        await OkAsync(await ReturnAsync(io, reference, 2, new { returnedOn = Day(Today), reason = "The witness has moved abroad" }));
        (await ExecuteAsync(io, reference, 2, new { executedOn = Day(Today), officer = "Test Constable" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var panel = await CaseWantedAsync(io, reference);
        var po = panel.GetProperty("wanted").EnumerateArray().ShouldHaveSingleItem();
        po.GetProperty("status").GetString().ShouldBe("Arrested");
        po.GetProperty("arrestedThrough").GetString().ShouldBe("warrant");
        po.GetProperty("arrestedOn").GetString().ShouldBe(Day(Today));
        panel.GetProperty("warrants").EnumerateArray().Select(w => w.GetProperty("status").GetString()).ShouldBe(["Executed", "Returned"]);
        (await WantedAsync(w => w.ByNameAsync(name, null, Ct))).ShouldBeEmpty();
    }
}

public sealed class WantedPersonsTests_Sqlite(SqliteApp app) : WantedPersonsTests(app);

public sealed class WantedPersonsTests_Postgres(PostgresApp app) : WantedPersonsTests(app);
