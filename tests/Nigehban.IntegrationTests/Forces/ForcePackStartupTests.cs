using System.Net.Http.Json;
using System.Text.Json;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.IntegrationTests.Platform;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Nigehban.IntegrationTests.Forces;

/// <summary>Adopting Nigehban is configuration: the same binary starts on either force pack.</summary>
public abstract class ForcePackStartupTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task App_StartsOnRwandaPack_WithProvincesDistrictsAndSectors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(Provider, "rwanda");

        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units", ct) ?? [];

        var kinds = units.GroupBy(u => u.GetProperty("kind").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        kinds["national"].ShouldBe(1);
        kinds["province"].ShouldBe(5);
        kinds["district"].ShouldBe(30);
        kinds["sector"].ShouldBe(416);
        var force = app.Services.GetRequiredService<ForcePack>();
        force.TimeZone.Id.ShouldBe("Africa/Kigali");
        force.Languages.Select(l => l.Code).ShouldBe(["en", "rw", "fr"]);
        force.NationalId.Normalise("1 1990 8 0012345 0 12").ShouldBe("1199080012345012");
        // Demo accounts are placed in the Rwanda hierarchy, one of every role.
        app.DemoAccounts.Select(a => a.Role).Distinct().Count().ShouldBe(Nigehban.Web.Platform.Security.Roles.All.Count);
        app.DemoAccounts.ShouldAllBe(a => units.Any(u => u.GetProperty("code").GetString() == a.Unit));
        using var signedIn = await app.SignInAsync("frontdesk");
    }

    [Fact]
    public async Task App_StartsOnPunjabPack_WithRegionsAndDistricts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(Provider, "punjab", ("Demo:Seed", "false"));

        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/units", ct);

        units!.Count(u => u.GetProperty("kind").GetString() == "province").ShouldBe(1);
        units!.Count(u => u.GetProperty("kind").GetString() == "region").ShouldBe(10);
        units!.Count(u => u.GetProperty("kind").GetString() == "district").ShouldBe(42);
        units!.Count(u => u.GetProperty("kind").GetString() == "station").ShouldBeGreaterThan(42);
        app.Services.GetRequiredService<ForcePack>().TimeZone.Id.ShouldBe("Asia/Karachi");
        File.Exists(Path.Combine(app.DataDirectory, "demo-accounts.json")).ShouldBeFalse();
    }
}

public sealed class ForcePackStartupTests_Sqlite : ForcePackStartupTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class ForcePackStartupTests_Postgres : ForcePackStartupTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
