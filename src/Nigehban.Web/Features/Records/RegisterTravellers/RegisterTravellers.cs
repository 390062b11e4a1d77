using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.MatchRegistrations;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records.RegisterTravellers;

/// <summary>A traveller as the terminal's ticket names them: a name, with the force's national ID or the father's name; where to, when, on which coach.</summary>
public sealed record TravellerCommand(
    string? TravellerName, string? FatherName, string? NationalId, string? Phone, string? Destination, DateTimeOffset? DepartsAt,
    string? VehicleRegistration = null);

/// <summary>Many travellers at once (a coach's manifest): all or none.</summary>
public sealed record TravellerBatchCommand(IReadOnlyList<TravellerCommand?>? Travellers);

/// <summary>A registration as the terminal sees it: what it sent, and nothing the police know about the traveller.</summary>
public sealed record TravellerView(Guid Id, string TravellerName, string Destination, DateTimeOffset DepartsAt, [property: JsonIgnore] bool Replayed = false);

public sealed record TravellerBatchResult(int Registered, IReadOnlyList<TravellerView> Travellers);

/// <summary>
/// A transport terminal registers its travellers (signed in by its key; ADR-077), one by one or a manifest
/// at once, each matched on arrival against the wanted and, when the coach is named, the stolen vehicles:
/// an alert at the terminal's station when it matches, the same answer either way. A terminal reaches only
/// its own registrations. A replayed Idempotency-Key answers the first registration.
/// </summary>
public sealed class RegisterTravellersHandler(NigehbanDbContext db, CurrentUser user, ForcePack force, RecordsPack pack, RegistrationMatcher matcher, TimeProvider clock)
{
    public const int MaxBatch = 500;

    /// <summary>A terminal registers a traveller before the coach leaves, or soon after; not a time no one could mean.</summary>
    private static readonly TimeSpan EarliestDeparture = TimeSpan.FromHours(24);
    private static readonly TimeSpan LatestDeparture = TimeSpan.FromDays(7);

    public async Task<TravellerView> RegisterAsync(TravellerCommand command, string? idempotencyKey, CancellationToken cancellationToken) =>
        await RegisterAsync(await CurrentTerminalAsync(cancellationToken), command, idempotencyKey, cancellationToken);

    /// <summary>A registration for <paramref name="terminal"/>, signed in by its key (the API) or holding it (the terminal's page).</summary>
    public async Task<TravellerView> RegisterAsync(TransportTerminal terminal, TravellerCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey, IdempotentRequest.MaxBatchKeyLength);
        var traveller = Validate(command, terminal, clock.GetUtcNow(), "");
        traveller.IdempotencyKey = idempotencyKey;
        traveller.IdempotencyRequestHash = idempotencyKey is null ? null : RequestHash(traveller);
        await StageAsync(terminal, traveller, traveller.VehicleRegistration, cancellationToken);
        return await SaveOrFindFirstAsync(idempotencyKey, async () =>
            {
                var first = await Registrations(terminal.Id).AsNoTracking().FirstOrDefaultAsync(t => t.IdempotencyKey == idempotencyKey, cancellationToken);
                return first is null ? null : IdempotentRequest.Replay(first.IdempotencyRequestHash, traveller.IdempotencyRequestHash, () => View(first) with { Replayed = true });
            }, cancellationToken)
            ?? View(traveller);
    }

    /// <summary>
    /// A manifest: every traveller checked as one is (refusals named <c>travellers[i].field</c>), then all saved,
    /// each matched, in one transaction. A coach named by several travellers is matched once, with the first.
    /// </summary>
    public async Task<TravellerBatchResult> RegisterBatchAsync(TravellerBatchCommand command, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey, IdempotentRequest.MaxBatchKeyLength);
        var terminal = await CurrentTerminalAsync(cancellationToken);
        if (command.Travellers is not { Count: > 0 } commands)
        {
            throw new ValidationFailedException("travellers", TerminalErrors.Text("Batch.Empty"));
        }

        if (commands.Count > MaxBatch)
        {
            throw new ValidationFailedException("travellers", TerminalErrors.Text("Batch.TooMany", MaxBatch));
        }

        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var travellers = new List<TravellerRegistration>();
        for (var i = 0; i < commands.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"travellers[{i}].");
            if (errors.Check(() => Validate(commands[i] ?? new TravellerCommand(null, null, null, null, null, null), terminal, now, prefix)) is { } traveller)
            {
                traveller.IdempotencyKey = IdempotentRequest.RowKey(idempotencyKey, i);
                traveller.IdempotencyRequestHash = idempotencyKey is null ? null : RequestHash(traveller);
                travellers.Add(traveller);
            }
        }

        errors.ThrowIfAny();
        var coaches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var traveller in travellers)
        {
            var coach = traveller.VehicleRegistration is { } vehicle && coaches.Add(vehicle) ? vehicle : null;
            await StageAsync(terminal, traveller, coach, cancellationToken);
        }

        // The same manifest again: the first one's registrations, if every row is the same; otherwise 422.
        return await SaveOrFindFirstAsync(idempotencyKey, async () =>
            {
                var keys = travellers.Select(t => t.IdempotencyKey).ToList();
                var first = await Registrations(terminal.Id).AsNoTracking().Where(t => keys.Contains(t.IdempotencyKey)).ToListAsync(cancellationToken);
                return IdempotentRequest.ReplayBatch([.. travellers.Select(t => (t.IdempotencyKey, t.IdempotencyRequestHash))], [.. first.Select(f => (f.IdempotencyKey, f.IdempotencyRequestHash))],
                    () => new TravellerBatchResult(first.Count, [.. first.OrderBy(f => keys.IndexOf(f.IdempotencyKey)).Select(f => View(f) with { Replayed = true })]));
            }, cancellationToken)
            ?? new TravellerBatchResult(travellers.Count, [.. travellers.Select(View)]);
    }

    /// <summary>The terminal's own registrations, latest departure first, paged.</summary>
    public async Task<PagedList<TravellerView>> ListAsync(int? page, int? pageSize, CancellationToken cancellationToken) =>
        await ListAsync(await CurrentTerminalAsync(cancellationToken), page, pageSize, cancellationToken);

    public async Task<PagedList<TravellerView>> ListAsync(TransportTerminal terminal, int? page, int? pageSize, CancellationToken cancellationToken) =>
        await PagedList<TravellerView>.CreateAsync(Registrations(terminal.Id).AsNoTracking().OrderByDescending(t => t.DepartsAt).ThenBy(t => t.Id),
            t => new TravellerView(t.Id, t.TravellerName, t.Destination, t.DepartsAt, false),
            page ?? 1, pageSize ?? PagedList<TravellerView>.DefaultPageSize, cancellationToken);

    /// <summary>The signed-in terminal; anyone else (a staff session on a terminal's route) is refused.</summary>
    public async Task<TransportTerminal> CurrentTerminalAsync(CancellationToken cancellationToken) =>
        await db.Set<TransportTerminal>().SignedInAsync(TerminalKey.Kind, user, cancellationToken)
        ?? throw new ForbiddenException(TerminalErrors.Text("Terminal.KeyRequired"));

    /// <summary>The terminal a key belongs to, for the terminal's page (which has no sign-in of its own); a key of no terminal: 400 naming <c>key</c>.</summary>
    public async Task<TransportTerminal> TerminalByKeyAsync(string? key, CancellationToken cancellationToken) =>
        await db.Set<TransportTerminal>().ByKeyAsync(TerminalKey.Kind, key, cancellationToken)
        ?? throw new ValidationFailedException("key", TerminalErrors.Text("Terminal.UnknownKey"));

    /// <summary>Checks one traveller: every refusal at once, fields named <paramref name="prefix"/> + field.</summary>
    public TravellerRegistration Validate(TravellerCommand command, TransportTerminal terminal, DateTimeOffset now, string prefix)
    {
        var errors = new ValidationErrors();
        var name = errors.Check(() => TextFields.Required(command.TravellerName, prefix + "travellerName", 120));
        var father = errors.Check(() => TextFields.Optional(command.FatherName, prefix + "fatherName", 120));
        string? nationalId = null;
        if (!string.IsNullOrWhiteSpace(command.NationalId) && (nationalId = force.NationalId.Normalise(command.NationalId)) is null)
        {
            errors.Add(prefix + "nationalId", RecordsErrors.Text("NationalId.Invalid", force.NationalId.LocalName, force.NationalId.Example));
        }
        else if (string.IsNullOrWhiteSpace(command.NationalId) && father is null)
        {
            // A name alone matches too many people to tell the station anything.
            errors.Add(prefix + "nationalId", TerminalErrors.Text("Traveller.IdOrParentage", force.NationalId.LocalName));
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(command.Phone) && (phone = TextFields.NormalisePhone(command.Phone)) is null)
        {
            errors.Add(prefix + "phone", RecordsErrors.Text("Phone.Invalid"));
        }

        var destination = errors.Check(() => TextFields.Required(command.Destination, prefix + "destination", 120));
        if (command.DepartsAt is not { } departsAt || departsAt < now - EarliestDeparture || departsAt > now + LatestDeparture)
        {
            errors.Add(prefix + "departsAt", TerminalErrors.Text("Traveller.DepartsAt"));
        }

        string? vehicle = null;
        if (!string.IsNullOrWhiteSpace(command.VehicleRegistration) && (vehicle = pack.VehicleRegistrations.Normalise(command.VehicleRegistration)) is null)
        {
            errors.Add(prefix + "vehicleRegistration", VehicleErrors.Text("Vehicle.Registration", pack.VehicleRegistrations.Example));
        }

        errors.ThrowIfAny();
        return new TravellerRegistration
        {
            Id = Guid.CreateVersion7(now), TerminalId = terminal.Id, TravellerName = name!, FatherName = father, NationalId = nationalId, Phone = phone,
            Destination = destination!, DepartsAt = command.DepartsAt!.Value, VehicleRegistration = vehicle, RegisteredAt = now,
            UnitCode = terminal.UnitCode, UnitPath = terminal.UnitPath,
        };
    }

    /// <summary>Adds the registration and, if the traveller is wanted or <paramref name="coach"/> is stolen, its alerts, to the caller's save.</summary>
    private async Task StageAsync(TransportTerminal terminal, TravellerRegistration traveller, string? coach, CancellationToken cancellationToken)
    {
        db.Add(traveller);
        var place = $"{terminal.Name} → {traveller.Destination}";
        var person = new RegisteredPersonDetails(traveller.TravellerName, traveller.FatherName, traveller.NationalId);
        await matcher.RaiseAlertsAsync(db, RegistrationKind.TerminalTraveller, traveller.Id, place, person, coach, terminal.UnitCode, terminal.UnitPath, cancellationToken);
    }

    private Task<T?> SaveOrFindFirstAsync<T>(string? idempotencyKey, Func<Task<T?>> findFirst, CancellationToken cancellationToken)
        where T : class =>
        db.SaveOrFindFirstAsync<TravellerRegistration, T>(idempotencyKey, findFirst, cancellationToken,
            nameof(TravellerRegistration.TerminalId), nameof(TravellerRegistration.IdempotencyKey));

    // The terminal's own registrations: the key is its secret, and the filter would show a terminal (which has no unit) nothing.
    private IQueryable<TravellerRegistration> Registrations(Guid terminalId) => db.Set<TravellerRegistration>().IgnoreQueryFilters().Where(t => t.TerminalId == terminalId);

    private static string RequestHash(TravellerRegistration t) => IdempotentRequest.Hash(
        t.TravellerName, t.FatherName, t.NationalId, t.Phone, t.Destination, t.DepartsAt.UtcTicks.ToString(CultureInfo.InvariantCulture), t.VehicleRegistration);

    private static TravellerView View(TravellerRegistration t) => new(t.Id, t.TravellerName, t.Destination, t.DepartsAt);
}
