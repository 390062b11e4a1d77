using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Demo;
using Nigehban.Web.Features.Organisation;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Platform.Data;

/// <summary>Start-up work: migrate, apply database guards, bring units in line with the force pack, optionally seed demo data.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, bool seedDemo, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("start-up");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await DatabaseGuards.ApplyAsync(db, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SyncUnitsFromForcePack>().RunAsync(cancellationToken);
        if (seedDemo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }
}
