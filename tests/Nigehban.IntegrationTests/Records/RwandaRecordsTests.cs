using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Records.RecordsFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>The second force's pack decides its own purposes, ID rule and whether a person is told who looked them up.</summary>
public sealed class RwandaRecordsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RwandasPack_ItsIdsPurposesInFrench_AndNoTellingWhoLooked()
    {
        await using var app = await ConfiguredApp.StartAsync(DatabaseProvider.Sqlite, "rwanda");
        var staff = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.InvestigatingOfficer);
        var io = await app.BearerClientAsync(staff.UserName, staff.Password, IdentityTestKit.Otp(staff.TotpSecret, DateTimeOffset.UtcNow));

        var id = await RegisterAsync(io, new { unit = app.Demo("frontdesk").Unit, nationalId = "1 1985 8 0076543 0 21", name = "Uwimana Claudine Test", phone = "+250 788 123 456" });
        (await FoundAsync(io, "purpose=verification&nationalId=" + Q("1198580076543021"))).ShouldBe([id]);
        (await FoundAsync(io, "purpose=investigation&name=" + Q("Uwimanah Klaudine"))).ShouldContain(id);
        // Punjab's purposes are not Rwanda's.
        (await FieldOfAsync(await SearchAsync(io, "purpose=complaint-inquiry&name=Uwimana"), 400)).ShouldBe("purpose");

        using var french = new HttpRequestMessage(HttpMethod.Get, "/api/v1/persons/purposes");
        french.Headers.AcceptLanguage.ParseAdd("fr");
        var purposes = await (await io.SendAsync(french, Ct)).Content.ReadFromJsonAsync<JsonElement[]>(Ct);
        purposes!.Select(p => p.GetProperty("code").GetString()).ShouldBe(["verification", "investigation", "registration-check"]);
        purposes![1].GetProperty("name").GetString().ShouldBe("Enquête sur une affaire");

        (await io.GetAsync($"/api/v1/persons/{id}/lookups", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<string?> FieldOfAsync(HttpResponseMessage response, int status) =>
        await FrontDesk.FrontDeskFixtures.FieldOfAsync(response, status);
}
