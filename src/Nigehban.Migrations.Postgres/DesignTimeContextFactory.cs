using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Storage;

namespace Nigehban.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without starting the app.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<NigehbanDbContext>
{
    public NigehbanDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<NigehbanDbContext>();
        DatabaseRegistration.Configure(
            builder,
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=nigehban_design;Username=postgres" },
            new StorageOptions());
        var user = new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor());
        var db = new NigehbanDbContext(builder.Options);
        db.Bind(new JurisdictionScope(user), new AuditTrail(user, TimeProvider.System));
        return db;
    }
}
