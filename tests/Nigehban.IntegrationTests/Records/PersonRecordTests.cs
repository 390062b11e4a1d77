using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Hosting;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.FrontDesk.FrontDeskFixtures;
using static Nigehban.IntegrationTests.Records.RecordsFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>Persons (issue 19, item 1): on record with or without an ID, criminal history and closed records, merges and their reversal.</summary>
public abstract class PersonRecordTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> OfficerAsync(string role = Roles.InvestigatingOfficer)
    {
        var staff = await app.CreateStaffAsync(await app.SignInAsync("admin"), role);
        return await app.BearerClientAsync(staff.UserName, staff.Password, IdentityTestKit.Otp(staff.TotpSecret, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Register_RefusesBadInput_NamingEachField_AndASecondRecordOfOneId()
    {
        var io = await OfficerAsync();
        var station = app.Demo("frontdesk").Unit;
        var bad = await io.PostAsJsonAsync("/api/v1/persons", new { unit = station, nationalId = "1234", name = "  ", birthYear = 1800, phone = "12" }, Ct);
        var body = await bad.Content.ReadAsStringAsync(Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        foreach (var field in new[] { "nationalId", "name", "birthYear", "phone" })
        {
            body.ShouldContain($"\"{field}\"");
        }

        // Without an ID a person needs the father's name or a description.
        (await FieldOfAsync(await io.PostAsJsonAsync("/api/v1/persons", new { unit = station, name = "Test Nameonly" }, Ct), 400)).ShouldBe("parentName");
        // A unit of another district is outside the officer's records.
        (await FieldOfAsync(await io.PostAsJsonAsync("/api/v1/persons", new { unit = app.Demo("frontdesk2").Unit, name = "Test Elsewhere", parentName = "Test Father" }, Ct), 404)).ShouldBe("unit");

        var cnic = NewCnic();
        await RegisterAsync(io, new { unit = station, nationalId = cnic, name = "Test Once" });
        (await io.PostAsJsonAsync("/api/v1/persons", new { unit = station, nationalId = cnic, name = "Test Twice" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // A front desk reads records but does not write them.
        (await (await app.SignInAsync("frontdesk")).PostAsJsonAsync("/api/v1/persons", new { unit = station, nationalId = NewCnic(), name = "Test Desk" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAcquittal_ClosesTheConviction_WhichLeavesTheHistory_AndTheRecordCheck()
    {
        var io = await OfficerAsync();
        var cnic = NewCnic();
        var id = await RegisterAsync(io, new { unit = app.Demo("frontdesk").Unit, nationalId = cnic, name = "Test Kamran Acquitted", parentName = "Test Father" });
        (await FieldOfAsync(await io.PostAsJsonAsync($"/api/v1/persons/{id}/history", new { kind = "conviction", text = "Theft" }, Ct), 400)).ShouldBe("court");
        var conviction = await io.PostAsJsonAsync($"/api/v1/persons/{id}/history",
            new { kind = "conviction", text = "Theft (generated)", court = "Test sessions court", on = "2024-03-01", firReference = "123/2023" }, Ct);
        conviction.StatusCode.ShouldBe(HttpStatusCode.Created, await conviction.Content.ReadAsStringAsync(Ct));
        var entryId = (await conviction.ReadJsonAsync()).GetProperty("id").GetGuid();
        (await CheckAsync(cnic)).IsClear.ShouldBeFalse();

        var closed = await io.PostAsJsonAsync($"/api/v1/persons/{id}/history/{entryId}/closure", new { reason = "Acquitted on appeal (generated)" }, Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await closed.Content.ReadAsStringAsync(Ct));
        (await io.PostAsJsonAsync($"/api/v1/persons/{id}/history/{entryId}/closure", new { reason = "again" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var profile = await ProfileAsync(io, id);
        profile.GetProperty("history").GetArrayLength().ShouldBe(0);
        profile.GetProperty("closedRecords").EnumerateArray().Single().GetProperty("closedReason").GetString().ShouldBe("Acquitted on appeal (generated)");
        (await CheckAsync(cnic)).IsClear.ShouldBeTrue();
    }

    [Fact]
    public async Task Merge_ShowsTheDuplicateInTheSurvivor_IsAudited_AndUndoRestoresBoth()
    {
        var io = await OfficerAsync();
        var station = app.Demo("frontdesk").Unit;
        var survivor = await RegisterAsync(io, new { unit = station, nationalId = NewCnic(), name = "Test Jahangir Mergeable", parentName = "Test Father Merge" });
        var duplicate = await RegisterAsync(io, new { unit = station, name = "Test Jahangeer Duplicatus", parentName = "Test Father Merge", aliases = new[] { "Test Jaji" } });
        await io.PostAsJsonAsync($"/api/v1/persons/{duplicate}/history", new { kind = "modusOperandi", text = "Test method (generated)" }, Ct);

        (await io.PostAsJsonAsync($"/api/v1/persons/{survivor}/merges", new { duplicateId = duplicate, reason = "same person" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var sho = await OfficerAsync(Roles.Sho);
        (await FieldOfAsync(await sho.PostAsJsonAsync($"/api/v1/persons/{survivor}/merges", new { duplicateId = duplicate }, Ct), 400)).ShouldBe("reason");
        var merged = await sho.PostAsJsonAsync($"/api/v1/persons/{survivor}/merges", new { duplicateId = duplicate, reason = "Same person, seen at the desk (generated)" }, Ct);
        merged.StatusCode.ShouldBe(HttpStatusCode.Created, await merged.Content.ReadAsStringAsync(Ct));
        var mergeId = (await merged.ReadJsonAsync()).GetProperty("mergeId").GetGuid();
        (await sho.PostAsJsonAsync($"/api/v1/persons/{duplicate}/merges", new { duplicateId = survivor, reason = "back" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await FoundAsync(sho, "purpose=investigation&name=" + Q("Jaji"))).ShouldBe([survivor]);
        var profile = await ProfileAsync(sho, survivor);
        profile.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ShouldContain("Test Jaji");
        profile.GetProperty("history").EnumerateArray().ShouldContain(h => h.GetProperty("text").GetString() == "Test method (generated)");
        profile.GetProperty("merged").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(duplicate);
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "person.merge" && e.ObjectId == survivor.ToString(), Ct))).ShouldBe(1);

        var undone = await sho.PostAsJsonAsync($"/api/v1/persons/{survivor}/merges/{mergeId}/reversal", new { reason = "Two brothers after all (generated)" }, Ct);
        undone.StatusCode.ShouldBe(HttpStatusCode.NoContent, await undone.Content.ReadAsStringAsync(Ct));
        (await sho.PostAsJsonAsync($"/api/v1/persons/{survivor}/merges/{mergeId}/reversal", new { reason = "again" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await FoundAsync(sho, "purpose=investigation&name=" + Q("Jaji"))).ShouldBe([duplicate]);
        var restored = await ProfileAsync(sho, survivor);
        restored.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ShouldNotContain("Test Jaji");
        restored.GetProperty("history").GetArrayLength().ShouldBe(0);
        var own = await ProfileAsync(sho, duplicate);
        own.GetProperty("mergedIntoId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        own.GetProperty("history").EnumerateArray().ShouldContain(h => h.GetProperty("text").GetString() == "Test method (generated)");
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.Action == "person.unmerge" && e.ObjectId == survivor.ToString(), Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task APerson_MayBeToldWhoLookedThemUpAndWhy_WhereThePackAllows()
    {
        var io = await OfficerAsync();
        var id = await RegisterAsync(io, new { unit = app.Demo("frontdesk").Unit, nationalId = NewCnic(), name = "Test Looked Upon" });
        await ProfileAsync(io, id, "verification");

        var desk = await app.SignInAsync("frontdesk");
        var told = await desk.GetAsync($"/api/v1/persons/{id}/lookups", Ct);
        told.StatusCode.ShouldBe(HttpStatusCode.OK, await told.Content.ReadAsStringAsync(Ct));
        var lookup = (await told.ReadJsonAsync()).GetProperty("items").EnumerateArray().Single();
        lookup.GetProperty("purpose").GetString().ShouldBe("verification");
        lookup.GetProperty("unit").GetString().ShouldBe(app.Demo("frontdesk").Unit);
    }

    [Fact]
    public async Task RecordsWrittenBeforeNameSearch_GetTheirNamesAtStart_AndAreFoundInAnySpelling()
    {
        var id = Guid.CreateVersion7();
        var station = app.Services.GetRequiredService<UnitDirectory>().Find(app.Demo("frontdesk").Unit)!;
        await app.WithDbAsync(async db =>
        {
            // As the record check's first records were written: a name key of letters, no name rows.
            db.Add(new PersonRecord { Id = id, Name = "Test Rafiq Legacy", ParentName = "Test Legacy Father", NameKey = "TESTRAFIQLEGACY", UnitPath = station.Path });
            await db.SaveChangesAsync(Ct);
        });
        var io = await OfficerAsync();
        (await FoundAsync(io, "purpose=investigation&name=" + Q("Rafeeq Legacy"))).ShouldNotContain(id);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var step = scope.ServiceProvider.GetServices<IStartupStep>().OfType<KeyPersonNames>().Single();
            await step.RunAsync(new StartupContext(scope.ServiceProvider, SeedDemo: false), Ct);
        }

        (await FoundAsync(io, "purpose=investigation&name=" + Q("Rafeeq Legacy"))).ShouldContain(id);
        (await FoundAsync(io, "purpose=investigation&fatherName=" + Q("Legacy Father"))).ShouldContain(id);
    }

    private async Task<RecordCheckResult> CheckAsync(string nationalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRecordCheck>().CheckAsync(nationalId, "Someone Else Entirely", null, Ct);
    }
}

public sealed class PersonRecordTests_Sqlite(SqliteApp app) : PersonRecordTests(app);

public sealed class PersonRecordTests_Postgres(PostgresApp app) : PersonRecordTests(app);
