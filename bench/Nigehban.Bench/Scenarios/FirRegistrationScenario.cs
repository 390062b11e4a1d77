using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.Bench.Data;
using Nigehban.Bench.Load;
using Nigehban.Bench.Reporting;
using Nigehban.Web.Features.Cases;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;
using Npgsql;

namespace Nigehban.Bench.Scenarios;

/// <summary>
/// FIR registration, <c>POST /api/v1/firs</c>, as the front desks of many stations send it: each
/// request signed in as a front-desk officer (bearer token) registering at their own station, with
/// two offences of the pack's catalogue and four parties (complainant, an unknown accused, a victim
/// with gender and age, a witness), the station's SHO as investigating officer. Against the ceiling
/// of a plain insert of the same rows in the same run (ADR-014): the FIR, its two offences, its four
/// parties, the complainant's SMS and the seven audit events, in one transaction sent in one round
/// trip, into tables with the same columns and no keys or indexes. PostgreSQL only (the budget's).
/// </summary>
public sealed class FirRegistrationScenario : IScenario
{
    private const string Plain = "bench_plain_";

    /// <summary>Front desks signed in: enough stations that 64 clients rarely share a station-year counter, as a province's desks would not.</summary>
    private const int Desks = 64;

    private readonly List<Desk> _desks = [];
    private string[] _offences = [];
    private PlannedPerson[] _persons = [];
    private long _next;

    public string Name => "fir-registration";

    public string Measures => "POST /api/v1/firs (front-desk officers of 64 stations, 2 offences, 4 parties); ceiling: a plain INSERT of each FIR's rows (FIR, offences, parties, SMS, audit events) in one transaction, by as many clients";

    public int? DefaultClients => 64;

    private sealed record Desk(string UnitCode, string UnitPath, string Investigator, string Token);

    private static readonly (string Table, string Columns)[] PlainTables =
    [
        ("firs", "id uuid, challan_in_time boolean, challan_submitted_at timestamptz, complaint_reference varchar(32), copy_code varchar(20), copy_signature varchar(200), crime_head varchar(40), escalation_level integer, first_breached_at timestamptz, idempotency_key varchar(100), idempotency_request_hash varchar(64), investigating_officer_name varchar(120), investigating_officer_user_name varchar(64), language varchar(10), latitude double precision, longitude double precision, narrative varchar(8000), next_escalation_at timestamptz, number integer, occurred_at timestamptz, place varchar(300), reference varchar(32), registered_at timestamptz, registered_by varchar(100), stage_due_at timestamptz, stage_started_at timestamptz, status varchar(24), unit_code varchar(40), unit_path varchar(400), version integer, year integer"),
        ("fir_offences", "id uuid, code varchar(40), crime_head varchar(40), fir_id uuid, position integer"),
        ("fir_parties", "id uuid, address varchar(300), age integer, description varchar(1000), fir_id uuid, gender varchar(16), is_unknown boolean, name varchar(120), national_id varchar(32), phone varchar(20), position integer, role varchar(16)"),
        ("outbox_messages", "id uuid, kind varchar(32), recipient varchar(320), payload text, created_at timestamptz, attempts integer, next_attempt_at timestamptz"),
        ("audit_events", "occurred_at timestamptz, actor_id uuid, actor_name varchar(100), action varchar(100), object_type varchar(100), object_id varchar(200), unit_path varchar(400), outcome varchar(16), ip_address varchar(64), details text"),
    ];

    private static readonly string[] PlainInserts =
    [
        $"""
        INSERT INTO {Plain}firs (id, challan_in_time, challan_submitted_at, complaint_reference, copy_code, copy_signature, crime_head, escalation_level,
          first_breached_at, idempotency_key, idempotency_request_hash, investigating_officer_name, investigating_officer_user_name, language, latitude,
          longitude, narrative, next_escalation_at, number, occurred_at, place, reference, registered_at, registered_by, stage_due_at, stage_started_at,
          status, unit_code, unit_path, version, year)
        VALUES (@id, NULL, NULL, NULL, @copyCode, @signature, 'robbery', 0, NULL, @key, @hash, 'Bench Officer', @investigator, 'en', @latitude,
          @longitude, @narrative, @due, @number, @occurred, @place, @reference, @now, @registeredBy, @due, @now, 'UnderInvestigation', @unit, @path, 0, @year)
        """,
        $"INSERT INTO {Plain}fir_offences (id, code, crime_head, fir_id, position) VALUES (@offence0, @code0, 'robbery', @id, 0)",
        $"INSERT INTO {Plain}fir_offences (id, code, crime_head, fir_id, position) VALUES (@offence1, @code1, 'other', @id, 1)",
        $"INSERT INTO {Plain}fir_parties (id, address, age, description, fir_id, gender, is_unknown, name, national_id, phone, position, role) VALUES (@party0, NULL, NULL, NULL, @id, NULL, false, @name, @nationalId, @phone, 0, 'Complainant')",
        $"INSERT INTO {Plain}fir_parties (id, address, age, description, fir_id, gender, is_unknown, name, national_id, phone, position, role) VALUES (@party1, NULL, NULL, @accused, @id, NULL, true, NULL, NULL, NULL, 1, 'Accused')",
        $"INSERT INTO {Plain}fir_parties (id, address, age, description, fir_id, gender, is_unknown, name, national_id, phone, position, role) VALUES (@party2, NULL, @age, NULL, @id, 'Female', false, @victim, NULL, NULL, 2, 'Victim')",
        $"INSERT INTO {Plain}fir_parties (id, address, age, description, fir_id, gender, is_unknown, name, national_id, phone, position, role) VALUES (@party3, NULL, NULL, NULL, @id, NULL, false, @witness, NULL, NULL, 3, 'Witness')",
        $"INSERT INTO {Plain}outbox_messages (id, kind, recipient, payload, created_at, attempts, next_attempt_at) VALUES (@smsId, 'sms', @phone, @sms, @now, 0, @now)",
        .. new[] { "id", "offence0", "offence1", "party0", "party1", "party2", "party3" }.Select(key =>
            $"INSERT INTO {Plain}audit_events (occurred_at, actor_id, actor_name, action, object_type, object_id, unit_path, outcome, ip_address, details) VALUES (@now, @actor, @registeredBy, 'Fir.created', 'Fir', @{key}Text, @path, 'Success', '127.0.0.1', NULL)"),
    ];

    public async Task SetupAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Target.Provider != DatabaseProvider.Postgres)
        {
            context.Log("fir-registration: PostgreSQL only (the budget is stated there); skipped");
            return;
        }

        var pack = context.AppServices.GetRequiredService<CasesPack>();
        _offences = [.. pack.Offences.Select(o => o.Code)];
        _persons = [.. context.Plan.Persons().Take(50_000)];
        var staff = context.Plan.Staff;
        var shoOf = staff.Where(s => s.Role == Roles.Sho).GroupBy(s => s.UnitCode).ToDictionary(g => g.Key, g => g.First().UserName);
        foreach (var desk in staff.Where(s => s.Role == Roles.FrontDesk && shoOf.ContainsKey(s.UnitCode)).GroupBy(s => s.UnitCode).Select(g => g.First()).Take(Desks))
        {
            _desks.Add(new Desk(desk.UnitCode, desk.UnitPath, shoOf[desk.UnitCode], await DashboardScenario.SignInAsync(context.Http, desk, cancellationToken)));
        }

        if (_desks.Count == 0)
        {
            throw new InvalidOperationException("the bench plan has no front-desk officer at a station with an SHO");
        }

        if (await RegisterAsync(context.Http, new DeterministicRandom(context.Options.Seed, "fir-registration/setup"), cancellationToken) is { } error)
        {
            throw new InvalidOperationException($"a first FIR failed: {error}");
        }

        await using (var connection = new NpgsqlConnection(context.Target.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var (table, columns) in PlainTables)
            {
                await PlainInsertCeiling.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Plain}{table}", cancellationToken);
                await PlainInsertCeiling.ExecuteAsync(connection, $"CREATE TABLE {Plain}{table} ({columns})", cancellationToken);
            }
        }

        context.Log($"fir-registration: {_desks.Count} front desks signed in, {_offences.Length} offences in the catalogue");
    }

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (_desks.Count == 0)
        {
            return [];
        }

        await using var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(context.Target.ConnectionString)
        { MaxPoolSize = Math.Max(100, context.Options.Clients + 8) }.ConnectionString).Build();
        long plainNumber = 0;

        async Task<string?> PlainInsertAsync(DeterministicRandom random, CancellationToken token)
        {
            var desk = random.Pick(_desks);
            var person = NextPerson();
            var offences = TwoOffences(random);
            var n = Interlocked.Increment(ref plainNumber);
            var now = DateTimeOffset.UtcNow;
            var ids = new[] { "id", "offence0", "offence1", "party0", "party1", "party2", "party3" }.ToDictionary(k => k, _ => Guid.CreateVersion7());
            var reference = string.Create(CultureInfo.InvariantCulture, $"BENCH-FIR-{n:0000000}");
            var values = new Dictionary<string, object>
            {
                ["copyCode"] = Guid.CreateVersion7().ToString("N")[..16], ["signature"] = new string('s', 96), ["key"] = Guid.CreateVersion7().ToString("N"),
                ["hash"] = new string('0', 64), ["investigator"] = desk.Investigator, ["latitude"] = 31.5, ["longitude"] = 74.3, ["narrative"] = Narrative,
                ["due"] = now.AddDays(14), ["number"] = (int)n, ["occurred"] = now.AddHours(-5), ["place"] = "Main bazaar, near the mosque",
                ["reference"] = reference, ["now"] = now, ["registeredBy"] = "bench.desk", ["unit"] = desk.UnitCode, ["path"] = desk.UnitPath, ["year"] = now.Year,
                ["code0"] = offences[0], ["code1"] = offences[1], ["name"] = person.Name, ["nationalId"] = person.NationalId,
                ["phone"] = Phone(random), ["accused"] = "Two men on a motorcycle, about 25 years old", ["age"] = 34, ["victim"] = person.ParentName,
                ["witness"] = "Shopkeeper of the corner store", ["smsId"] = Guid.CreateVersion7(), ["actor"] = Guid.CreateVersion7(),
                ["sms"] = $$"""{"text":"Nigehban: FIR {{n}}/{{now.Year}} was registered at your station for your complaint. Investigating officer: Bench Officer. Reference {{reference}}.","reference":"{{reference}}"}""",
            };
            foreach (var (key, id) in ids)
            {
                values[key] = id;
                values[key + "Text"] = id.ToString();
            }

            return await PlainInsertCeiling.WriteAsync(dataSource, context.Target.ConnectionString, PlainInserts, values, token);
        }

        async Task<Measurement> RegisterAndDrainAsync(LoadGenerator load)
        {
            var measured = await load.RunAsync("fir-registration", (random, token) => RegisterAsync(context.Http, random, token), cancellationToken) with
            { Label = "FIR registration", Unit = "FIRs/s" };
            var drained = await ServiceCentreLoad.WaitForOutboxAsync(context, cancellationToken);
            context.Log($"fir-registration: the window's SMS delivered in {drained.TotalSeconds:0.0} s");
            return measured;
        }

        async Task<Measurement> PlainAsync(LoadGenerator load) =>
            await load.RunAsync("plain-insert", PlainInsertAsync, cancellationToken) with { Label = "plain INSERT of its rows", Unit = "FIRs/s" };

        return [await context.CompareAsync("FIR registration", PlainAsync, RegisterAndDrainAsync)];
    }

    private const string Narrative = "The complainant states that at about five in the evening two men on a motorcycle stopped him near the bazaar, "
        + "showed a pistol and took his phone and his wallet with cash, then rode away towards the canal road.";

    private string[] TwoOffences(DeterministicRandom random)
    {
        var first = random.Next(_offences.Length);
        var second = (first + 1 + random.Next(_offences.Length - 1)) % _offences.Length;
        return [_offences[first], _offences[second]];
    }

    private PlannedPerson NextPerson() => _persons[(int)(Interlocked.Increment(ref _next) % _persons.Length)];

    private static string Phone(DeterministicRandom random) =>
        string.Create(CultureInfo.InvariantCulture, $"03{random.Next(0, 5)}{random.Next(10_000_000, 100_000_000)}");

    /// <summary>Registers one FIR at a random desk's station; null on 201, else a short description of the failure.</summary>
    private async Task<string?> RegisterAsync(HttpClient http, DeterministicRandom random, CancellationToken cancellationToken)
    {
        var desk = random.Pick(_desks);
        var person = NextPerson();
        var body = new
        {
            unit = desk.UnitCode,
            offences = TwoOffences(random),
            occurredAt = DateTimeOffset.UtcNow.AddHours(-5),
            place = new { text = "Main bazaar, near the mosque", latitude = 31.5, longitude = 74.3 },
            narrative = Narrative,
            parties = new object[]
            {
                new { role = "complainant", name = person.Name, phone = Phone(random), nationalId = person.NationalId },
                new { role = "accused", unknown = true, description = "Two men on a motorcycle, about 25 years old" },
                new { role = "victim", name = person.ParentName, gender = "female", age = 34 },
                new { role = "witness", name = "Shopkeeper of the corner store" },
            },
            investigatingOfficer = desk.Investigator,
            language = "en",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/firs") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", desk.Token);
        request.Headers.Add("Idempotency-Key", Guid.CreateVersion7().ToString("N"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return $"HTTP {(int)response.StatusCode} from POST /api/v1/firs: {text[..Math.Min(text.Length, 300)]}";
    }
}
