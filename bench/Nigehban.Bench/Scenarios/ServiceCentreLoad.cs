using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nigehban.Bench.Data;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;

namespace Nigehban.Bench.Scenarios;

/// <summary>One citizen's online application, as the bench sends it and as the plain-insert ceiling stores it.</summary>
public sealed record GeneratedApplication(string ServiceCode, string UnitCode, string UnitPath, PlannedPerson Person, string Phone, string Address)
{
    public object Body => new
    {
        serviceCode = ServiceCode,
        unit = UnitCode,
        channel = "online",
        applicant = new { nationalId = Person.NationalId, name = Person.Name, parentName = Person.ParentName, phone = Phone, address = Address },
    };
}

/// <summary>
/// What the service-centre scenarios share: the services offered online (read from the app's own
/// catalogue), the centres (every district and station of the pack), and a stream of generated
/// citizens — each application takes the next person of the plan, so no two carry the same CNIC
/// and name until the plan's persons run out (then they wrap, which the app allows).
/// </summary>
public sealed class ServiceCentreLoad
{
    private readonly string[] _services;
    private readonly PlannedUnit[] _centres;
    private readonly PlannedPerson[] _persons;
    private long _next;

    private ServiceCentreLoad(string[] services, PlannedUnit[] centres, PlannedPerson[] persons, long start)
    {
        _services = services;
        _centres = centres;
        _persons = persons;
        _next = start;
    }

    public int ServiceCount => _services.Length;

    public int CentreCount => _centres.Length;

    /// <summary>Persons kept in memory: enough for several rounds at a few thousand applications per second.</summary>
    private const int PersonsInMemory = 200_000;

    public static async Task<ServiceCentreLoad> CreateAsync(BenchContext context, long start, CancellationToken cancellationToken)
    {
        var catalogue = await context.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/services", cancellationToken) ?? [];
        var services = catalogue
            .Where(s => s.GetProperty("channels").EnumerateArray().Any(c => c.GetString() == "online"))
            .Select(s => s.GetProperty("code").GetString()!)
            .ToArray();
        if (services.Length == 0)
        {
            throw new InvalidOperationException("the force offers no service online");
        }

        var force = context.Plan.Force;
        PlannedUnit[] centres = [.. context.Plan.Units.Where(u => u.Kind == force.ReferenceUnitKind || u.Kind == force.StationUnitKind)];
        PlannedPerson[] persons = [.. context.Plan.Persons().Take(PersonsInMemory)];
        return new ServiceCentreLoad(services, centres, persons, start);
    }

    /// <summary>The next application: the next person of the plan, a service and a centre drawn from the worker's stream.</summary>
    public GeneratedApplication Next(DeterministicRandom random)
    {
        var n = Interlocked.Increment(ref _next) - 1;
        var person = _persons[(int)(n % _persons.Length)];
        var centre = _centres[random.Next(_centres.Length)];
        var phone = string.Create(CultureInfo.InvariantCulture, $"03{random.Next(0, 5)}{random.Next(10_000_000, 100_000_000)}");
        var address = string.Create(CultureInfo.InvariantCulture, $"House {random.Next(1, 900)}, Street {random.Next(1, 60)}, {person.District}");
        return new GeneratedApplication(_services[random.Next(_services.Length)], centre.Code, centre.Path, person, phone, address);
    }

    /// <summary>Posts one application; null and the reference on 201, else a short description of the failure.</summary>
    public static async Task<(string? Error, string? Reference)> SubmitAsync(HttpClient http, GeneratedApplication application, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/service-requests") { Content = JsonContent.Create(application.Body) };
        // A fresh key each time, as a portal that retries safely would send: the app checks it for a replay first.
        request.Headers.Add("Idempotency-Key", Guid.CreateVersion7().ToString("N"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return ($"HTTP {(int)response.StatusCode} from POST /api/v1/service-requests: {body[..Math.Min(body.Length, 300)]}", null);
        }

        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (null, created.GetProperty("reference").GetString());
    }

    /// <summary>SMS queued by submissions and not yet delivered by the app's outbox dispatcher.</summary>
    public static async Task<int> UndeliveredAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var scope = context.AppServices.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Nigehban.Web.Platform.Security.JurisdictionScope>().Unrestricted("bench: counting the outbox backlog");
        var db = scope.ServiceProvider.GetRequiredService<NigehbanDbContext>();
        return await db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAt == null && m.NextAttemptAt != null, cancellationToken);
    }

    /// <summary>
    /// Waits until the outbox has delivered every queued SMS: measuring while it still works
    /// through a backlog would charge that work to whichever window it overlaps, and a figure
    /// measured while the backlog grows is one the app cannot sustain.
    /// </summary>
    public static async Task<TimeSpan> WaitForOutboxAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (await UndeliveredAsync(context, cancellationToken) > 0)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException("the outbox did not drain within 10 minutes");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}
