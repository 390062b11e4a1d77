using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Demo;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Demo person records so a record check and a search have something to find: a handful of invented
/// people, with national IDs generated to fit the force's rule. None of them is a real person.
/// </summary>
public sealed class SeedDemoRecords(NigehbanDbContext db, UnitDirectory units, ForcePack force, RecordsPack pack, NameKeys keys, TimeProvider clock) : IDemoDataSeed
{
    /// <summary>Fixed demo identities; tests and the README use the first (wanted), second (convicted) and fourth (names in two scripts).</summary>
    public static readonly (string Name, string ParentName, bool Wanted, bool Convicted, string Reason)[] People =
    [
        ("Demo Wanted Person", "Demo Father One", true, false, "Proclaimed offender in a demo FIR (sample data)"),
        ("Demo Convicted Person", "Demo Father Two", false, true, "Convicted of theft in a demo case (sample data)"),
        ("Demo Cleared Person", "Demo Father Three", false, false, "Acquitted (sample data)"),
        ("Muhammad Arshad Demo", "Chaudhry Akram Demo", false, false, "Modus operandi on file (sample data)"),
    ];

    /// <summary>The fourth person's name in Urdu letters, an alias on the record (in a pack that writes names in another script).</summary>
    public const string UrduAlias = "محمد ارشد ڈیمو";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<PersonRecord>().IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return;
        }

        var station = units.All.First(u => u.Kind == force.StationUnitKind);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < People.Length; i++)
        {
            var p = People[i];
            var person = new PersonRecord
            {
                Id = Guid.CreateVersion7(),
                NationalId = DemoNationalId(force.NationalId, i),
                Name = p.Name,
                ParentName = p.ParentName,
                NameKey = keys.KeyOf(p.Name),
                IsWanted = p.Wanted,
                Reason = p.Wanted ? p.Reason : null,
                UnitPath = station.Path,
                CreatedAt = now,
            };
            person.Names.Add(Name(person.Id, PersonNameKind.Primary, p.Name));
            person.Names.Add(Name(person.Id, PersonNameKind.Parent, p.ParentName));
            if (i == 3 && pack.Transliteration.Count > 0)
            {
                person.Names.Add(Name(person.Id, PersonNameKind.Alias, UrduAlias));
            }

            if (p.Convicted || i == 2)
            {
                person.History.Add(new CriminalHistoryEntry
                {
                    Id = Guid.CreateVersion7(), PersonId = person.Id, Kind = HistoryKind.Conviction, Text = "Theft (demo case, sample data)",
                    Court = "Demo district court", On = today.AddYears(-2), RecordedAt = now, RecordedBy = "demo",
                    ClosedAt = i == 2 ? now : null, ClosedBy = i == 2 ? "demo" : null, ClosedReason = i == 2 ? p.Reason : null,
                });
            }

            if (i == 3)
            {
                person.History.Add(new CriminalHistoryEntry
                {
                    Id = Guid.CreateVersion7(), PersonId = person.Id, Kind = HistoryKind.ModusOperandi, Text = "Snatches phones from a motorcycle (sample data)",
                    RecordedAt = now, RecordedBy = "demo",
                });
            }

            person.RefreshConviction();
            db.Add(person);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private PersonName Name(Guid personId, PersonNameKind kind, string text) =>
        new() { Id = Guid.CreateVersion7(), PersonId = personId, Kind = kind, Text = text, Key = keys.KeyOf(text) };

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
