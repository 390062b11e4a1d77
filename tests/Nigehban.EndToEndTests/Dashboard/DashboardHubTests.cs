using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Nigehban.EndToEndTests.Infrastructure;
using Nigehban.EndToEndTests.StaffConsole;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.EndToEndTests.Dashboard;

/// <summary>The live-alert hub for API clients, over a real WebSocket: each connection hears its own jurisdiction only.</summary>
public sealed class DashboardHubTests(BrowserApp app)
{
    [Fact]
    public async Task Hub_DeliversAlertsInsideTheCallersJurisdictionOnly()
    {
        var insideDpo = await app.CreateStaffAsync(Roles.Dpo, "KSR");
        var outsideDpo = await app.CreateStaffAsync(Roles.Dpo, "OKR");
        await using var inside = await ConnectAsync(insideDpo);
        await using var outside = await ConnectAsync(outsideDpo);
        var heardInside = Listen(inside);
        var heardOutside = Listen(outside);

        var station = app.ChildrenOf("KSR").SelectMany(s => app.ChildrenOf(s.Code)).First().Code;
        var reference = await ServiceCentreCitizen.ApplyForCharacterCertificateAsync(app, station, ServiceCentreCitizen.NewName());

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!heardInside.Any(a => a.Reference == reference) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var alert = heardInside.FirstOrDefault(a => a.Reference == reference);
        alert.ShouldNotBeNull();
        alert.Metric.ShouldBe("service_requests_received");
        alert.UnitCode.ShouldBe(station);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        heardOutside.ShouldNotContain(a => a.Reference == reference);
    }

    [Fact]
    public async Task Hub_RefusesAnonymousAndOfficersWithoutTheDashboard()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        (await client.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var frontDesk = await app.CreateStaffAsync(Roles.FrontDesk, "KSR");
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(frontDesk));
        (await client.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<HubConnection> ConnectAsync((string UserName, string Password, string TotpSecret) account)
    {
        var token = await TokenAsync(account);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/dashboard"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static ConcurrentBag<AlertMessage> Listen(HubConnection connection)
    {
        var heard = new ConcurrentBag<AlertMessage>();
        connection.On<AlertMessage>("alert", heard.Add);
        return heard;
    }

    private async Task<string> TokenAsync((string UserName, string Password, string TotpSecret) account)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token",
            new { userName = account.UserName, password = account.Password, otp = BrowserApp.CurrentOtp(account.TotpSecret) });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    private sealed record AlertMessage(string Metric, string UnitCode, string UnitPath, DateTimeOffset At, string? Reference, string? Dimension);
}
