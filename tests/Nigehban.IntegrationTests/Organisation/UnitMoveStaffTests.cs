using System.Net;
using System.Net.Http.Json;
using Nigehban.IntegrationTests.Audit;
using Nigehban.IntegrationTests.Identity;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Shouldly;
using static Nigehban.IntegrationTests.Identity.IdentityTestKit;

namespace Nigehban.IntegrationTests.Organisation;

/// <summary>
/// Staff accounts are unit-owned (ADR-024): when their unit moves to another district, the accounts
/// move with it, into the new district's administration and keeping their own jurisdiction.
/// A private app, because the move changes the tree other tests rely on.
/// </summary>
public abstract class UnitMoveStaffTests(DatabaseProvider provider)
{
    [Fact]
    public async Task StaffOfAMovedStation_FollowItIntoTheNewDistrict()
    {
        await using var app = await PrivateApp.StartAsync(provider);
        var root = await app.SignInAsync("admin");
        var newDistrict = app.Demo("dpo2").Unit;
        var officer = await CreateAsync(root, Roles.FrontDesk, "LHR-PS03");
        var districtAdmin = await SignInAsync(app, await CreateAsync(root, Roles.Administrator, newDistrict));
        (await districtAdmin.GetAsync($"/api/v1/staff/{officer.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not yet its district's");
        var newCircle = (await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/units/{newDistrict}", Ct))
            .GetProperty("children").EnumerateArray().First().GetProperty("code").GetString()!;

        var moved = await root.PutAsJsonAsync("/api/v1/units/LHR-PS03/parent", new { parentCode = newCircle }, Ct);
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(Ct));

        (await districtAdmin.GetAsync($"/api/v1/staff/{officer.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var desk = await SignInAsync(app, officer);
        (await desk.GetAsync("/api/v1/service-requests?unit=LHR-PS03", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the officer still reaches its own station");
    }

    private static Task<HttpClient> SignInAsync(NigehbanApp app, TestStaff staff) =>
        app.BearerClientAsync(staff.UserName, staff.Password, Otp(staff.TotpSecret, DateTimeOffset.UtcNow));

    private static async Task<TestStaff> CreateAsync(HttpClient admin, string role, string unitCode)
    {
        var userName = "m-" + Guid.NewGuid().ToString("N")[..12];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync("/api/v1/staff", new { userName, displayName = "Moved officer", unitCode, roles = new[] { role }, password }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var enrolment = await response.ReadJsonAsync();
        return new TestStaff(enrolment.GetProperty("accountId").GetGuid(), userName, password, enrolment.GetProperty("totpSecret").GetString()!);
    }
}

public sealed class UnitMoveStaffTests_Sqlite() : UnitMoveStaffTests(DatabaseProvider.Sqlite);

public sealed class UnitMoveStaffTests_Postgres() : UnitMoveStaffTests(DatabaseProvider.Postgres);
