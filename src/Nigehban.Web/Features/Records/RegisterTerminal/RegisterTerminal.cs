using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Records.RegistrarKeys;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Records.RegisterTerminal;

/// <param name="Unit">The station of the terminal's place: its travellers' alerts go there.</param>
public sealed record RegisterTerminalCommand(string? Unit, string? Name, string? Address, string? Phone);

/// <summary>A terminal as the station sees it; <see cref="ApiKey"/> only in the answer that issued it, never again.</summary>
public sealed record TerminalView(Guid Id, string Name, string Address, string? Phone, string Unit, string KeyHint, DateTimeOffset RegisteredAt, string? ApiKey = null);

/// <summary>
/// A station puts a bus or coach terminal of its place on its books, as it does a hotel (ADR-063, ADR-077):
/// a station of its jurisdiction (else 404 naming <c>unit</c>), a key shown once, a new key retiring the
/// old one at once. Lists and reads stay within jurisdiction.
/// </summary>
public sealed class RegisterTerminalHandler(NigehbanDbContext db, UnitDirectory units, ForcePack force, JurisdictionScope scope, CurrentUser user, TimeProvider clock)
{
    public async Task<TerminalView> RegisterAsync(RegisterTerminalCommand command, CancellationToken cancellationToken)
    {
        var place = RegistrarPlace.Validate(command.Unit, command.Name, command.Address, command.Phone, units, force, scope);
        var now = clock.GetUtcNow();
        var terminal = new TransportTerminal
        {
            Id = Guid.CreateVersion7(now), Name = place.Name, Address = place.Address, Phone = place.Phone, UnitCode = place.Station.Code,
            UnitPath = place.Station.Path, KeyHash = "", KeyHint = "", RegisteredAt = now, RegisteredBy = user.UserName ?? "system",
        };
        var key = TerminalKey.Kind.Issue(terminal, now);
        db.Add(terminal);
        await db.SaveChangesAsync(cancellationToken);
        return View(terminal) with { ApiKey = key };
    }

    /// <summary>A new key for a terminal of the jurisdiction; the old key stops working with this save.</summary>
    public async Task<TerminalView> IssueKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var terminal = await db.Set<TransportTerminal>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", TerminalErrors.Text("Terminal.NotFound"));
        var key = TerminalKey.Kind.Issue(terminal, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return View(terminal) with { ApiKey = key };
    }

    public async Task<PagedList<TerminalView>> ListAsync(string? unit, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var terminals = db.Set<TransportTerminal>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var info = units.Find(unit.Trim()) ?? throw new ValidationFailedException("unit", ApiErrors.Text("Unit.Unknown", unit));
            scope.LimitTo(info.Path);
            terminals = terminals.Where(t => t.UnitPath.StartsWith(info.Path));
        }

        return await PagedList<TerminalView>.CreateAsync(terminals.OrderBy(t => t.Name).ThenBy(t => t.Id),
            t => new TerminalView(t.Id, t.Name, t.Address, t.Phone, t.UnitCode, t.KeyHint, t.RegisteredAt, null),
            page ?? 1, pageSize ?? PagedList<TerminalView>.DefaultPageSize, cancellationToken);
    }

    public async Task<TerminalView> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        View(await db.Set<TransportTerminal>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("id", TerminalErrors.Text("Terminal.NotFound")));

    private static TerminalView View(TransportTerminal t) => new(t.Id, t.Name, t.Address, t.Phone, t.UnitCode, t.KeyHint, t.RegisteredAt);
}
