using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Storage;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A demo coach terminal at the first station of the pack, whose key (random per instance, never in the
/// repository) is written to <c>data/demo-terminal.json</c> for the walk in the README, as the demo hotel's is.
/// </summary>
public sealed class SeedDemoTerminal(NigehbanDbContext db, UnitDirectory units, ForcePack force, StorageOptions storage, TimeProvider clock) : IDemoDataSeed
{
    public const string TerminalName = "Demo Coach Terminal";
    public const string KeyFile = "demo-terminal.json";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<TransportTerminal>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var station = units.All.First(u => u.Kind == force.StationUnitKind);
        var now = clock.GetUtcNow();
        var terminal = TransportTerminal.ForPlace(new RegistrarPlace(station, TerminalName, "Demo Terminal Road (sample data)", null), now, "demo");
        var key = TerminalKey.Kind.Issue(terminal, now);
        db.Add(terminal);
        await db.SaveChangesAsync(cancellationToken);

        await OwnerOnlyFile.WriteAsync(storage.Resolve(KeyFile),
            JsonSerializer.Serialize(new { terminal = terminal.Id, name = TerminalName, unit = station.Code, apiKey = key }), cancellationToken);
    }
}
