using System.Diagnostics;
using System.Security.Claims;
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
/// Ch. for Chaudhry, a vowel changed, a letter doubled). A skeleton: the handler is called in process,
/// one officer per call (so the guard, which stops one officer's bulk use, never refuses the bench),
/// one call at a time; the HTTP path and concurrency are still to come.
/// </summary>
public sealed class PersonSearchScenario : IScenario
{
    private const int Lookups = 2_000;
    private const int VariantSample = 1_000;
    private const int Batch = 5_000;

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
        var started = Stopwatch.GetTimestamp();
        var prefix = force.NationalId.Normalise(force.NationalId.Example)!;
        for (long i = 0; i < count; i += Batch)
        {
            db.ChangeTracker.Clear();
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

                var person = new PersonRecord
                {
                    Id = id, NationalId = nationalId, Name = name, ParentName = father, NameKey = keys.KeyOf(name), UnitPath = _unitPath, CreatedAt = DateTimeOffset.UtcNow,
                };
                person.Names.Add(new PersonName { Id = Guid.CreateVersion7(), PersonId = id, Kind = PersonNameKind.Primary, Text = name, Key = keys.KeyOf(name) });
                person.Names.Add(new PersonName { Id = Guid.CreateVersion7(), PersonId = id, Kind = PersonNameKind.Parent, Text = father, Key = keys.KeyOf(father) });
                db.Add(person);
            }

            if (!alreadyWritten)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
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

        var byId = await TimeAsync("national-ID lookup (handler)", _ids.Count, i =>
            SearchAsync(context, new PersonSearchQuery("verification", _ids[i].NationalId, null, null, null, 1, 20), cancellationToken));
        var byIdRaw = await TimeAsync("national-ID lookup (raw)", _ids.Count, i => RawAsync(context,
            "SELECT \"Id\", \"Name\", \"ParentName\", \"NationalId\", \"BirthYear\", \"UnitPath\" FROM person_records WHERE \"NationalId\" = @p0", [_ids[i].NationalId], cancellationToken));
        var byName = await TimeAsync("name search (handler)", _variants.Count, i =>
            SearchAsync(context, new PersonSearchQuery("investigation", null, _variants[i].Query, null, null, 1, 20), cancellationToken));
        var byNameRaw = await TimeAsync("name search (raw)", _variants.Count, i => RawNameAsync(context, _variants[i].Query, cancellationToken));
        return [new BenchResult("national-ID lookup", byId, byIdRaw), new BenchResult("fuzzy name search", byName, byNameRaw)];
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

    private async Task<Nigehban.Web.Platform.Api.PagedList<PersonMatch>> SearchAsync(BenchContext context, PersonSearchQuery query, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        // One officer per call: the guard stops one officer's bulk use, which the bench is not.
        var officer = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bench-" + Guid.NewGuid().ToString("N")), new Claim(NigehbanClaims.UnitCode, _unitCode), new Claim(NigehbanClaims.UnitPath, _unitPath)],
            "bench", ClaimTypes.Name, ClaimTypes.Role);
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(officer) };
        try
        {
            return await scope.ServiceProvider.GetRequiredService<SearchPersonsHandler>().HandleAsync(query, cancellationToken);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static async Task RawNameAsync(BenchContext context, string query, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        var parts = scope.ServiceProvider.GetRequiredService<NameKeys>().PartsOf(query);
        var table = db.IsPostgres ? "person_names" : "person_name_search";
        var column = db.IsPostgres ? "\"Key\"" : "key";
        var person = db.IsPostgres ? "\"PersonId\"" : "person_id";
        var where = string.Join(" AND ", parts.Select((_, i) => $"{column} LIKE @p{i}"));
        await RawAsync(context, $"SELECT {person} FROM {table} WHERE {where} LIMIT {PersonNameIndex.MaxCandidates}", [.. parts.Select(p => "% " + p + " %")], cancellationToken);
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

    private static async Task<Measurement> TimeAsync(string label, int count, Func<int, Task> work)
    {
        var ticks = new long[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var one = Stopwatch.GetTimestamp();
            await work(i);
            ticks[i] = Stopwatch.GetTimestamp() - one;
        }

        return new Measurement(label, count, Stopwatch.GetElapsedTime(started), "lookups", LatencySummary.FromTicks(ticks));
    }
}
