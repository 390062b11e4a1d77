using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Data;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Records;
using Nigehban.Web.Features.Records.SearchPersons;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// Person search (issue 19) on the scale's number of generated persons (<c>--scale</c>: small 100 k,
/// large 10 M): a national-ID lookup and a name search through the search handler (purpose, bulk-use
/// guard, audit event and lookup rows, one save), each against the same query issued raw on the app's
/// connection; and the recall of name search on generated variant spellings (Mohammad for Muhammad,
/// Ch. for Chaudhry, a vowel changed, a letter doubled). The handler is called in process, one
/// officer per call (so the guard, which stops one officer's bulk use, never refuses the bench), by
/// <c>--clients</c> closed-loop clients; so is the raw query. The persons are written by binary COPY
/// on PostgreSQL (prepared inserts on SQLite), as the generator writes its tables.
/// </summary>
public sealed class PersonSearchScenario : IScenario
{
    private const int Lookups = 2_000;
    private const int VariantSample = 1_000;
    private const int Batch = 50_000;

    private readonly List<(string NationalId, Guid Person)> _ids = [];
    private readonly List<(string Query, Guid Person)> _variants = [];
    private string _unitCode = "";
    private string _unitPath = "";

    public string Name => "person-search";

    public string Measures => "national-ID lookup and name search through the search handler vs the same SQL issued raw; recall on variant spellings";

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionScope>().Unrestricted("bench data");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var keys = scope.ServiceProvider.GetRequiredService<NameKeys>();
        var force = scope.ServiceProvider.GetRequiredService<ForcePack>();
        var station = scope.ServiceProvider.GetRequiredService<UnitDirectory>().All.First(u => u.Kind == force.StationUnitKind);
        _unitCode = station.Code;
        _unitPath = station.Path;

        var count = context.Options.Scale.Persons;
        var random = new DeterministicRandom(context.Options.Seed, "person-search");
        // The bench database holds no other persons (no demo data): as many as the scale asks means a run before wrote them.
        var alreadyWritten = await db.Set<PersonRecord>().IgnoreQueryFilters().LongCountAsync(cancellationToken) >= count;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var loader = BulkLoader.For(db.Database.GetDbConnection());
        var personTable = BulkTable<PersonRecord>.FromModel(db);
        var nameTable = BulkTable<PersonName>.FromModel(db);
        var started = Stopwatch.GetTimestamp();
        var prefix = force.NationalId.Normalise(force.NationalId.Example)!;
        var createdAt = DateTimeOffset.UtcNow;
        for (long i = 0; i < count; i += Batch)
        {
            var persons = new List<PersonRecord>(Batch);
            var names = new List<PersonName>(Batch * 2);
            for (var j = i; j < Math.Min(count, i + Batch); j++)
            {
                var nationalId = force.NationalId.Normalise(prefix[..(prefix.Length - 9)] + j.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
                var name = $"{random.Pick(NamePool.MaleGivenNames)} {random.Pick(NamePool.MaleGivenNames)} {random.Pick(NamePool.FamilyNames)}";
                var father = $"{random.Pick(NamePool.MaleGivenNames)} {random.Pick(NamePool.FamilyNames)}";
                var id = random.NextGuid();
                if (nationalId is not null && _ids.Count < Lookups && random.Chance(Lookups * 4.0 / count))
                {
                    _ids.Add((nationalId, id));
                }

                if (_variants.Count < VariantSample && random.Chance(VariantSample * 4.0 / count))
                {
                    _variants.Add((Variant(name, random), id));
                }

                if (alreadyWritten)
                {
                    continue; // a second run on the same data draws the same persons and writes nothing
                }

                persons.Add(new PersonRecord
                {
                    Id = id, NationalId = nationalId, Name = name, ParentName = father, NameKey = keys.KeyOf(name), UnitPath = _unitPath, CreatedAt = createdAt,
                });
                names.Add(new PersonName { Id = random.NextGuid(), PersonId = id, Kind = PersonNameKind.Primary, Text = name, Key = keys.KeyOf(name) });
                names.Add(new PersonName { Id = random.NextGuid(), PersonId = id, Kind = PersonNameKind.Parent, Text = father, Key = keys.KeyOf(father) });
            }

            if (!alreadyWritten)
            {
                // Written as the generator writes every table (binary COPY on PostgreSQL): ten million persons through the change tracker would take hours.
                await loader.LoadAsync(personTable, persons, cancellationToken);
                await loader.LoadAsync(nameTable, names, cancellationToken);
            }
        }

        if (!alreadyWritten && db.IsPostgres)
        {
            await loader.ExecuteAsync("ANALYZE person_records; ANALYZE person_names", cancellationToken);
        }

        context.Log($"person-search: {count:#,0} persons {(alreadyWritten ? "already there" : "written")} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; {_ids.Count} IDs and {_variants.Count} variant spellings to look up");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var found = 0;
        foreach (var (query, person) in _variants)
        {
            var page = await SearchAsync(context, new PersonSearchQuery("investigation", null, query, null, null, 1, 100), cancellationToken);
            found += page.Items.Any(m => m.Id == person) ? 1 : 0;
        }

        context.Log($"person-search: recall on {_variants.Count} variant spellings {(double)found / Math.Max(1, _variants.Count):0.000} (budget ≥ 0.95)");

        // Closed loop, --clients at once, each side in turn (BenchContext.CompareAsync): the handler's
        // audit and lookup rows share group commits as a desk's many officers' would.
        var byId = await context.CompareAsync("national-ID lookup",
            load => load.RunAsync("national-ID lookup (raw)", (r, ct) => Ok(RawAsync(context, IdSql, [_ids[r.Next(_ids.Count)].NationalId], ct)), cancellationToken),
            load => load.RunAsync("national-ID lookup (handler)", (r, ct) => Ok(SearchAsync(context, new PersonSearchQuery("verification", _ids[r.Next(_ids.Count)].NationalId, null, null, null, 1, 20), ct)), cancellationToken));
        var byName = await context.CompareAsync("fuzzy name search",
            load => load.RunAsync("name search (raw)", (r, ct) => Ok(RawNameAsync(context, _variants[r.Next(_variants.Count)].Query, ct)), cancellationToken),
            load => load.RunAsync("name search (handler)", (r, ct) => Ok(SearchAsync(context, new PersonSearchQuery("investigation", null, _variants[r.Next(_variants.Count)].Query, null, null, 1, 20), ct)), cancellationToken));
        return [byId, byName];
    }

    private const string IdSql = "SELECT \"Id\", \"MergedIntoId\", \"Name\", \"ParentName\", \"NationalId\", \"BirthYear\", \"UnitPath\" FROM person_records WHERE \"NationalId\" = @p0";

    private static async Task<string?> Ok(Task work)
    {
        await work;
        return null;
    }

    /// <summary>A spelling of the name as another officer might write it.</summary>
    private static string Variant(string name, DeterministicRandom random) =>
        string.Join(' ', name.Split(' ').Select(part => part switch
        {
            "Muhammad" => random.Pick<string>(["Mohammad", "Muhammed", "Mohd", "M."]),
            "Chaudhry" => random.Pick<string>(["Ch.", "Choudhry", "Chaudhary"]),
            _ when random.Chance(0.5) && part.Length > 3 => part.Replace("a", "e", StringComparison.Ordinal),
            _ when random.Chance(0.5) && part.Length > 3 => part[..2] + part[1] + part[2..],
            _ => part,
        }));

    // One officer per call: the guard stops one officer's bulk use, which the bench is not.
    private Task<Nigehban.Web.Platform.Api.PagedList<PersonMatch>> SearchAsync(BenchContext context, PersonSearchQuery query, CancellationToken cancellationToken) =>
        new InProcessOfficer("bench-" + Guid.NewGuid().ToString("N"), Guid.NewGuid(), _unitCode, _unitPath, [])
            .CallAsync(context.AppServices, services => services.GetRequiredService<SearchPersonsHandler>().HandleAsync(query, cancellationToken));

    /// <summary>The candidate names' query the handler's name index issues (PersonNameIndex), written out by hand.</summary>
    private static async Task RawNameAsync(BenchContext context, string query, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var parts = scope.ServiceProvider.GetRequiredService<NameKeys>().PartsOf(query);
        var limit = PersonNameIndex.MaxCandidates.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sql = db.IsPostgres
            ? "SELECT \"PersonId\", \"Id\" FROM person_names WHERE \"Kind\" IN ('Primary', 'Alias') AND "
                + string.Join(" AND ", parts.Select((_, i) => $"\"Key\" LIKE @p{i}")) + " ORDER BY \"Id\" LIMIT " + limit
            : "SELECT person_id || ' ' || name_id FROM person_name_search WHERE "
                + string.Join(" AND ", parts.Select((_, i) => $"key LIKE @p{i}")) + " AND kind IN ('Primary','Alias') ORDER BY name_id LIMIT " + limit;
        await RawAsync(context, sql, [.. parts.Select(p => "% " + p + " %")], cancellationToken);
    }

    private static async Task RawAsync(BenchContext context, string sql, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }
}
