using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record TokenView(Guid Id, string Token, TokenStatus Status, string? ServiceCode, DateTimeOffset IssuedAt, DateTimeOffset? CalledAt, int? Counter, DateTimeOffset? ServedAt, string? Reference);

public sealed record CounterView(int Number, string Label, bool IsOpen, string? Serving);

/// <summary>What the waiting-hall screen shows: token numbers and counters only, never names.</summary>
public sealed record QueueScreen(string Unit, string UnitName, IReadOnlyList<string> Waiting, IReadOnlyList<CounterView> Counters, double? AverageWaitMinutesToday);

public sealed record IssueTokenCommand(string? ServiceCode);

public sealed record ServeTokenCommand(string? Reference, bool NoShow = false);

public sealed record SetCounterCommand(string? Label, bool? IsOpen);

/// <summary>
/// The centre's queue: tokens issued on arrival, called to a counter, served. Numbering restarts each
/// local day; a unique index keeps two desks from issuing the same number.
/// </summary>
public sealed class ManageQueueHandler(NigehbanDbContext db, UnitDirectory units, ForcePack force, CurrentUser user, ServiceCatalogue catalogue, TimeProvider clock)
{
    public async Task<TokenView> IssueAsync(string unitCode, IssueTokenCommand command, CancellationToken cancellationToken)
    {
        var centre = Centre(unitCode);
        if (command.ServiceCode is not null && catalogue.Find(command.ServiceCode) is null)
        {
            throw new ValidationFailedException("serviceCode", $"'{command.ServiceCode}' is not a service of this force.");
        }

        var now = clock.GetUtcNow();
        var day = LocalDay(now);
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.Set<QueueToken>().Where(t => t.UnitCode == centre.Code && t.Day == day).MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0;
            var token = new QueueToken
            {
                Id = Guid.CreateVersion7(),
                UnitCode = centre.Code,
                UnitPath = centre.Path,
                Day = day,
                Number = last + 1,
                ServiceCode = command.ServiceCode,
                Status = TokenStatus.Waiting,
                IssuedAt = now,
            };
            db.Add(token);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return View(token);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another desk took this number at the same moment: take the next one.
                db.Entry(token).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Calls the longest-waiting token to a counter.</summary>
    public async Task<TokenView?> CallNextAsync(string unitCode, int counterNumber, CancellationToken cancellationToken)
    {
        var centre = Centre(unitCode);
        var counter = await db.Set<ServiceCounter>().FirstOrDefaultAsync(c => c.UnitCode == centre.Code && c.Number == counterNumber, cancellationToken)
            ?? throw new NotFoundException("counter", $"Counter {counterNumber} is not set up at {centre.Name}.");
        if (!counter.IsOpen)
        {
            throw new RuleViolationException($"Counter {counterNumber} is closed.");
        }

        var day = LocalDay(clock.GetUtcNow());
        var next = await db.Set<QueueToken>()
            .Where(t => t.UnitCode == centre.Code && t.Day == day && t.Status == TokenStatus.Waiting)
            .OrderBy(t => t.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return null;
        }

        next.Status = TokenStatus.Called;
        next.CalledAt = clock.GetUtcNow();
        next.CounterNumber = counterNumber;
        await db.SaveChangesAsync(cancellationToken);
        return View(next);
    }

    public async Task<TokenView> ServeAsync(string unitCode, Guid tokenId, ServeTokenCommand command, CancellationToken cancellationToken)
    {
        var centre = Centre(unitCode);
        var token = await db.Set<QueueToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.UnitCode == centre.Code, cancellationToken)
            ?? throw new NotFoundException("token", "No such token at this centre.");
        if (token.Status != TokenStatus.Called)
        {
            throw new RuleViolationException($"Token {token.Display} is {token.Status}; only a called token can be served.");
        }

        token.Status = command.NoShow ? TokenStatus.NoShow : TokenStatus.Served;
        token.ServedAt = clock.GetUtcNow();
        token.ServiceRequestReference = command.Reference?.Trim().ToUpperInvariant();
        await db.SaveChangesAsync(cancellationToken);
        return View(token);
    }

    public async Task<CounterView> SetCounterAsync(string unitCode, int number, SetCounterCommand command, CancellationToken cancellationToken)
    {
        var centre = Centre(unitCode);
        if (number is < 1 or > 99)
        {
            throw new ValidationFailedException("number", "Counters are numbered 1 to 99.");
        }

        var counter = await db.Set<ServiceCounter>().FirstOrDefaultAsync(c => c.UnitCode == centre.Code && c.Number == number, cancellationToken);
        if (counter is null)
        {
            counter = new ServiceCounter { Id = Guid.CreateVersion7(), UnitCode = centre.Code, UnitPath = centre.Path, Number = number, Label = $"Counter {number}" };
            db.Add(counter);
        }

        if (command.Label is { } label)
        {
            counter.Label = string.IsNullOrWhiteSpace(label) || label.Length > 60
                ? throw new ValidationFailedException("label", "A counter label has 1 to 60 characters.")
                : label.Trim();
        }

        counter.IsOpen = command.IsOpen ?? counter.IsOpen;
        await db.SaveChangesAsync(cancellationToken);
        return new CounterView(counter.Number, counter.Label, counter.IsOpen, null);
    }

    public async Task<IReadOnlyList<TokenView>> TodayAsync(string unitCode, CancellationToken cancellationToken)
    {
        var centre = Centre(unitCode);
        var day = LocalDay(clock.GetUtcNow());
        var tokens = await db.Set<QueueToken>().AsNoTracking().Where(t => t.UnitCode == centre.Code && t.Day == day).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return [.. tokens.Select(View)];
    }

    /// <summary>The public screen: read force-wide by design (no personal data), so it works on a kiosk with no login.</summary>
    public async Task<QueueScreen> ScreenAsync(string unitCode, CancellationToken cancellationToken)
    {
        var centre = units.Find(unitCode) ?? throw new NotFoundException("unit", $"No unit has the code '{unitCode}'.");
        var day = LocalDay(clock.GetUtcNow());
        var tokens = await db.Set<QueueToken>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.UnitCode == centre.Code && t.Day == day)
            .Select(t => new { t.Number, t.Status, t.CounterNumber, t.IssuedAt, t.CalledAt })
            .ToListAsync(cancellationToken);
        var counters = await db.Set<ServiceCounter>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.UnitCode == centre.Code).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var waits = tokens.Where(t => t.CalledAt is not null).Select(t => (t.CalledAt!.Value - t.IssuedAt).TotalMinutes).ToList();
        return new QueueScreen(
            centre.Code,
            centre.Name,
            [.. tokens.Where(t => t.Status == TokenStatus.Waiting).OrderBy(t => t.Number).Select(t => t.Number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))],
            [.. counters.Select(c => new CounterView(c.Number, c.Label, c.IsOpen,
                tokens.Where(t => t.Status == TokenStatus.Called && t.CounterNumber == c.Number).OrderByDescending(t => t.CalledAt)
                    .Select(t => t.Number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault()))],
            waits.Count == 0 ? null : Math.Round(waits.Average(), 1));
    }

    private UnitInfo Centre(string unitCode)
    {
        var unit = units.Find(unitCode);
        // Outside the officer's jurisdiction the centre does not exist for them.
        if (unit is null || user.UnitPath is not { } scope || !unit.Path.StartsWith(scope, StringComparison.Ordinal))
        {
            throw new NotFoundException("unit", $"No service centre '{unitCode}' in your jurisdiction.");
        }

        return unit;
    }

    private DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, force.TimeZone).DateTime);

    private static TokenView View(QueueToken t) =>
        new(t.Id, t.Display, t.Status, t.ServiceCode, t.IssuedAt, t.CalledAt, t.CounterNumber, t.ServedAt, t.ServiceRequestReference);
}
