using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Records.HotelRegistrationFixtures;

namespace Nigehban.IntegrationTests.Records;

/// <summary>The second force: its 16-digit ID, its acknowledgement time, its languages, on both databases.</summary>
public sealed class RwandaHotelRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RwandasDemoWantedPerson_CheckingIn_RaisesOneAlertWithThePacksDeadline_AndBadIdsAreRefusedInFrench(DatabaseProvider provider)
    {
        await using var app = await ConfiguredApp.StartAsync(provider, "rwanda");
        var station = app.Demo("frontdesk").Unit;
        var staff = await app.CreateStaffAsync(await app.SignInAsync("admin"), Roles.Sho);
        var sho = await app.BearerClientAsync(staff.UserName, staff.Password, IdentityTestKit.Otp(staff.TotpSecret, DateTimeOffset.UtcNow));
        var hotel = HotelClient(app, (await RegisterHotelAsync(sho, station)).Key);
        var wanted = SeedDemoRecords.People[0];
        var id = SeedDemoRecords.DemoNationalId(app.Services.GetRequiredService<ForcePack>().NationalId, 0);
        var before = (await AlertsAsync(sho)).Count(a => a.GetProperty("personName").GetString() == wanted.Name);

        (await CheckInAsync(hotel, Guest(id, wanted.Name, wanted.ParentName))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var alerts = (await AlertsAsync(sho)).Where(a => a.GetProperty("personName").GetString() == wanted.Name).ToList();
        alerts.Count.ShouldBe(before + 1);
        var newest = alerts.MaxBy(a => a.GetProperty("raisedAt").GetDateTimeOffset());
        (newest.GetProperty("dueAt").GetDateTimeOffset() - newest.GetProperty("raisedAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(30));
        newest.GetProperty("unit").GetString().ShouldBe(station);

        using var french = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hotel/guests") { Content = JsonContent.Create(Guest("1 1985 8 0076543 0 2")) };
        french.Headers.AcceptLanguage.ParseAdd("fr");
        var refused = await hotel.SendAsync(french, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await refused.ReadJsonAsync();
        body.GetProperty("errors").GetProperty("nationalId")[0].GetString()!.ShouldContain("non valide");
    }
}
