using Microsoft.AspNetCore.Hosting;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Data;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// A private app for a test that needs its own configuration (another force pack, a low rate
/// limit) or does something destructive to its database. Start it with InitializeAsync and
/// dispose it at the end of the test.
/// </summary>
public class ConfiguredApp(DatabaseProvider provider, string force = "punjab", params (string Key, string Value)[] settings) : NigehbanApp
{
    public override DatabaseProvider Provider => provider;

    public override string Force => force;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));

    /// <summary>Starts a configured app; the caller disposes it.</summary>
    public static async Task<ConfiguredApp> StartAsync(DatabaseProvider provider, string force = "punjab", params (string Key, string Value)[] settings)
    {
        var app = new ConfiguredApp(provider, force, settings);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Lets a derived test app add services or middleware of its own.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ConfigureTestHost(builder);
    }

    protected virtual void ConfigureTestHost(IWebHostBuilder builder)
    {
    }
}
