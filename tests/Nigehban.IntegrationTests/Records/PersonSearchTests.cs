using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;
using static Nigehban.IntegrationTests.Records.RecordsFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>Person search (issue 19, item 3): the name variants of the test set, exact IDs, phones, purposes and the audit trail.</summary>
public abstract class PersonSearchTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh officer for each batch of searches, so that the bulk-use guard (30 a minute) never refuses them.</summary>
    private async Task<HttpClient> OfficerAsync()
    {
        var staff = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.InvestigatingOfficer);
        return await app.BearerClientAsync(staff.UserName, staff.Password, IdentityTestKit.Otp(staff.TotpSecret, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task NameVariants_FindExactlyTheExpectedPersons_InEverySpellingAndScript()
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Records", "name-variants.json"), Ct));
        var writer = await OfficerAsync();
        var station = app.Demo("frontdesk").Unit;
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var person in file.RootElement.GetProperty("persons").EnumerateArray())
        {
            ids[person.GetProperty("key").GetString()!] = await RegisterAsync(writer, new
            {
                unit = station,
                name = person.GetProperty("name").GetString(),
                parentName = person.GetProperty("father").GetString(),
                aliases = person.TryGetProperty("aliases", out var aliases) ? aliases.EnumerateArray().Select(a => a.GetString()).ToArray() : [],
            });
        }

        var keyOf = ids.ToDictionary(p => p.Value, p => p.Key);
        var failures = new List<string>();
        HttpClient? searcher = null;
        var n = 0;
        foreach (var query in file.RootElement.GetProperty("queries").EnumerateArray())
        {
            if (n++ % 20 == 0)
            {
                searcher = await OfficerAsync();
            }

            var parts = new List<string> { "purpose=investigation" };
            if (query.TryGetProperty("name", out var name))
            {
                parts.Add("name=" + Q(name.GetString()!));
            }

            if (query.TryGetProperty("father", out var father))
            {
                parts.Add("fatherName=" + Q(father.GetString()!));
            }

            var expected = query.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList();
            var found = (await FoundAsync(searcher!, string.Join('&', parts))).Where(keyOf.ContainsKey).Select(id => keyOf[id]).Order(StringComparer.Ordinal).ToList();
            if (!found.SequenceEqual(expected))
            {
                failures.Add($"{string.Join('&', parts)}: found [{string.Join(", ", found)}], expected [{string.Join(", ", expected)}]");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public async Task NationalId_MatchesExactly_AndAMistypedIdFindsNoOneElse()
    {
        var officer = await OfficerAsync();
        var cnic = NewCnic();
        var id = await RegisterAsync(officer, new { unit = app.Demo("frontdesk").Unit, nationalId = cnic, name = "Test Idris Search", phone = "+92 300 1234567" });

        (await FoundAsync(officer, $"purpose=verification&nationalId={cnic[..5]}-{cnic[5..12]}-{cnic[12]}")).ShouldBe([id]);
        // One digit changed: a well-formed ID of nobody on record.
        var mistyped = cnic[..12] + (char)('0' + ((cnic[12] - '0' + 1) % 10));
        (await FoundAsync(officer, $"purpose=verification&nationalId={mistyped}")).ShouldNotContain(id);
        (await FieldOfAsync(await SearchAsync(officer, "purpose=verification&nationalId=12345"), 400)).ShouldBe("nationalId");

        (await FoundAsync(officer, "purpose=verification&phone=" + Q("+923001234567"))).ShouldContain(id);
        (await FieldOfAsync(await SearchAsync(officer, "purpose=verification&phone=abc"), 400)).ShouldBe("phone");
    }

    [Fact]
    public async Task Search_WithoutPurpose_Is400NamingPurpose_AndEveryLookupIsAuditedWithOfficerUnitAndPurpose()
    {
        var officer = await OfficerAsync();
        (await FieldOfAsync(await SearchAsync(officer, "name=Ali"), 400)).ShouldBe("purpose");
        (await FieldOfAsync(await SearchAsync(officer, "purpose=curiosity&name=Ali"), 400)).ShouldBe("purpose");
        (await FieldOfAsync(await SearchAsync(officer, "purpose=investigation"), 400)).ShouldBe("name");

        var id = await RegisterAsync(officer, new { unit = app.Demo("frontdesk").Unit, name = "Test Audited Person", parentName = "Test Audited Father" });
        (await FoundAsync(officer, "purpose=complaint-inquiry&name=" + Q("Test Audited Person"))).ShouldContain(id);
        await ProfileAsync(officer, id, "court-process");

        var events = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == "person.search" || (e.Action == "person.read" && e.ObjectId == id.ToString())).OrderBy(e => e.Id).ToListAsync(Ct));
        var unit = app.Demo("frontdesk").Unit;
        events.ShouldContain(e => e.Action == "person.search" && e.Details!.Contains("purpose=complaint-inquiry") && e.Details.Contains("unit=" + unit) && e.ActorName!.StartsWith("t-"));
        events.ShouldContain(e => e.Action == "person.read" && e.Details!.Contains("purpose=court-process") && e.UnitPath != null);
    }

    [Fact]
    public async Task Search_IsForceWide_ButTheProfileIsReadOnlyInsideTheHoldingDistrict()
    {
        var officer = await OfficerAsync();
        var id = await RegisterAsync(officer, new { unit = app.Demo("frontdesk").Unit, nationalId = NewCnic(), name = "Test Faraz Districtwise" });
        var history = await officer.PostAsJsonAsync($"/api/v1/persons/{id}/history", new { kind = "gang", text = "Test gang (generated)" }, Ct);
        history.StatusCode.ShouldBe(HttpStatusCode.Created, await history.Content.ReadAsStringAsync(Ct));

        var otherDesk = await app.SignInAsync("frontdesk2");
        var found = await SearchAsync(otherDesk, "purpose=verification&name=" + Q("Faraz Districtwise"));
        found.StatusCode.ShouldBe(HttpStatusCode.OK);
        var match = (await found.ReadJsonAsync()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        match.GetProperty("inYourDistrict").GetBoolean().ShouldBeFalse();
        (await FieldOfAsync(await otherDesk.GetAsync($"/api/v1/persons/{id}?purpose=verification", Ct), 404)).ShouldBe("id");

        // The desk of the holding district reads the history.
        var profile = await ProfileAsync(await app.SignInAsync("frontdesk"), id, "verification");
        profile.GetProperty("history").EnumerateArray().ShouldContain(h => h.GetProperty("text").GetString() == "Test gang (generated)");
    }
}

public sealed class PersonSearchTests_Sqlite(SqliteApp app) : PersonSearchTests(app);

public sealed class PersonSearchTests_Postgres(PostgresApp app) : PersonSearchTests(app);
