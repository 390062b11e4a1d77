using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.RegistrarKeys;

/// <param name="Unit">The station of the place: the alerts its registrations raise go there.</param>
public sealed record RegisterRegistrarCommand(string? Unit, string? Name, string? Address, string? Phone);

/// <summary>A keyed registrar as the station sees it; <see cref="ApiKey"/> only in the answer that issued it, never again.</summary>
public sealed record RegistrarView(Guid Id, string Name, string Address, string? Phone, string Unit, string KeyHint, DateTimeOffset RegisteredAt, string? ApiKey = null);

/// <summary>What sets one kind of registrar apart on the station's books: its key, how a new one is made, its "not found".</summary>
public sealed record RegistrarBook<TRegistrar>(RegistrarKeyKind Key, Func<RegistrarPlace, DateTimeOffset, string, TRegistrar> Create, Func<string> NotFound)
    where TRegistrar : class, IKeyedRegistrar;

/// <summary>
/// A station's books of one kind of keyed registrar (hotels, ADR-063; transport terminals, ADR-077): it
/// puts a place of its jurisdiction on them (else 404 naming <c>unit</c>) and hands it a key, shown
/// once; a new key retires the old one at once (a key leaked, the staff changed). Lists and reads stay
/// within jurisdiction.
/// </summary>
public sealed class RegistrarBooks<TRegistrar>(
    RegistrarBook<TRegistrar> book, NigehbanDbContext db, UnitDirectory units, ForcePack force, JurisdictionScope scope, CurrentUser user, TimeProvider clock)
    where TRegistrar : class, IKeyedRegistrar
{
    public async Task<RegistrarView> RegisterAsync(RegisterRegistrarCommand command, CancellationToken cancellationToken)
    {
        var place = RegistrarPlace.Validate(command.Unit, command.Name, command.Address, command.Phone, units, force, scope);
        var now = clock.GetUtcNow();
        var registrar = book.Create(place, now, user.UserName ?? "system");
        var key = book.Key.Issue(registrar, now);
        db.Add(registrar);
        await db.SaveChangesAsync(cancellationToken);
        return View(registrar) with { ApiKey = key };
    }

    /// <summary>A new key for a registrar of the jurisdiction; the old key stops working with this save.</summary>
    public async Task<RegistrarView> IssueKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var registrar = await db.Set<TRegistrar>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", book.NotFound());
        var key = book.Key.Issue(registrar, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return View(registrar) with { ApiKey = key };
    }

    public async Task<PagedList<RegistrarView>> ListAsync(string? unit, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var registrars = db.Set<TRegistrar>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var info = units.Find(unit.Trim()) ?? throw new ValidationFailedException("unit", ApiErrors.Text("Unit.Unknown", unit));
            scope.LimitTo(info.Path);
            registrars = registrars.Where(r => r.UnitPath.StartsWith(info.Path));
        }

        return await PagedList<RegistrarView>.CreateAsync(registrars.OrderBy(r => r.Name).ThenBy(r => r.Id),
            r => new RegistrarView(r.Id, r.Name, r.Address, r.Phone, r.UnitCode, r.KeyHint, r.RegisteredAt, null),
            page ?? 1, pageSize ?? PagedList<RegistrarView>.DefaultPageSize, cancellationToken);
    }

    public async Task<RegistrarView> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        View(await db.Set<TRegistrar>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", book.NotFound()));

    private static RegistrarView View(TRegistrar r) => new(r.Id, r.Name, r.Address, r.Phone, r.UnitCode, r.KeyHint, r.RegisteredAt);
}
