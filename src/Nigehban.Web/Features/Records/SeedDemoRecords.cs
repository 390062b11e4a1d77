using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Demo person records so a record check has something to find: a handful of invented people,
/// with national IDs generated to fit the force's rule. None of them is a real person.
/// </summary>
public sealed class SeedDemoRecords(NigehbanDbContext db, UnitDirectory units, ForcePack force) : IDemoDataSeed
{
    /// <summary>Fixed demo identities; tests and the README use the first (wanted) and second (convicted).</summary>
    public static readonly (string Name, string ParentName, bool Wanted, bool Convicted, string Reason)[] People =
    [
        ("Demo Wanted Person", "Demo Father One", true, false, "Proclaimed offender in a demo FIR (sample data)"),
        ("Demo Convicted Person", "Demo Father Two", false, true, "Convicted of theft in a demo case (sample data)"),
        ("Demo Cleared Person", "Demo Father Three", false, false, "Acquitted (sample data)"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<PersonRecord>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var station = units.All.First(u => u.Kind == force.StationUnitKind);
        for (var i = 0; i < People.Length; i++)
        {
            var p = People[i];
            db.Add(new PersonRecord
            {
                Id = Guid.CreateVersion7(),
                NationalId = DemoNationalId(force.NationalId, i),
                Name = p.Name,
                ParentName = p.ParentName,
                NameKey = PersonRecord.KeyOf(p.Name),
                IsWanted = p.Wanted,
                IsConvicted = p.Convicted,
                Reason = p.Reason,
                UnitPath = station.Path,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A national ID that satisfies the force's rule, derived from its example by changing the
    /// serial digits: deterministic, so the README and tests can name it.
    /// </summary>
    public static string DemoNationalId(NationalIdRule rule, int index)
    {
        var example = rule.Normalise(rule.Example)!;
        var chars = example.ToCharArray();
        // Vary the second-to-last digits, which every supported rule leaves free.
        chars[^2] = (char)('1' + index);
        chars[^3] = '9';
        var candidate = new string(chars);
        return rule.Normalise(candidate) ?? example;
    }
}
