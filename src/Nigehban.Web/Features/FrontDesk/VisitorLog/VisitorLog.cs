using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Sla;
using Nigehban.Web.Platform.Units;
using static Nigehban.Web.Platform.Api.TextFields;

namespace Nigehban.Web.Features.FrontDesk.VisitorLog;

/// <param name="ArrivedAt">When the visitor came; now when left out (a desk may log a visitor a little late).</param>
public sealed record LogVisitCommand(string? Name, string? Phone, string? Purpose, string? Saw, string? ComplaintReference, DateTimeOffset? ArrivedAt);

public sealed record VisitView(Guid Id, string UnitCode, string VisitorName, string? VisitorPhone, string PurposeCode, string Purpose, string? Saw,
    string? ComplaintReference, DateTimeOffset ArrivedAt, DateTimeOffset? DepartedAt, string RecordedBy);

public sealed record VisitorDay(string Unit, DateOnly Day, int Visitors, int StillInside, IReadOnlyDictionary<string, int> ByPurpose, PagedList<VisitView> Visits);

/// <summary>
/// The station's visitor log: who came, why (a purpose of the pack), whom they saw, arrival and
/// departure. A desk logs visitors at its own station; a station's day reads in the force's time zone.
/// </summary>
public sealed class VisitorLogHandler(NigehbanDbContext db, FrontDeskPack pack, UnitDirectory units, ForcePack force, CurrentUser user, TimeProvider time, DeadlineCalculator days, JurisdictionScope scope)
{
    public async Task<VisitView> LogAsync(string unitCode, LogVisitCommand command, CancellationToken cancellationToken)
    {
        var unit = Station(unitCode);
        // Every field is checked before any refusal, so that the desk's form shows all of its errors at once.
        var errors = new ValidationErrors();
        var purpose = errors.Check(() => pack.Purpose(command.Purpose)
            ?? throw new ValidationFailedException("purpose", string.IsNullOrWhiteSpace(command.Purpose)
                ? "purpose is required."
                : $"'{command.Purpose}' is not a visitor purpose of this force ({string.Join(", ", pack.VisitorPurposes.Select(p => p.Code))})."));
        var now = time.GetUtcNow();
        var arrivedAt = command.ArrivedAt ?? now;
        if (arrivedAt > now + TimeSpan.FromMinutes(5) || arrivedAt < now - TimeSpan.FromDays(1))
        {
            errors.Add("arrivedAt", "A visit is logged within a day of the arrival, and never ahead of it.");
        }

        var name = errors.Check(() => Required(command.Name, "name", 120));
        var phone = errors.Check(() => string.IsNullOrWhiteSpace(command.Phone) ? null : Phone(command.Phone, "phone"));
        var saw = errors.Check(() => Optional(command.Saw, "saw", 120));
        string? reference = null;
        if (!string.IsNullOrWhiteSpace(command.ComplaintReference))
        {
            if (Platform.References.ReferenceNumber.TryParse(command.ComplaintReference, out var parsed))
            {
                reference = parsed.ToString();
            }
            else
            {
                errors.Add("complaintReference", "This is not a reference number (its check character does not match).");
            }
        }

        errors.ThrowIfAny();
        if (purpose is null || name is null)
        {
            throw new InvalidOperationException("A checked field is missing without a refusal.");
        }

        var visit = new StationVisit
        {
            Id = Guid.CreateVersion7(),
            UnitCode = unit.Code,
            UnitPath = unit.Path,
            VisitorName = name,
            VisitorPhone = phone,
            PurposeCode = purpose.Code,
            Saw = saw,
            ComplaintReference = reference,
            ArrivedAt = arrivedAt,
            RecordedBy = user.UserName ?? "system",
        };
        db.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return View(visit, Language);
    }

    public async Task<VisitView> DepartAsync(string unitCode, Guid id, CancellationToken cancellationToken)
    {
        var unit = Station(unitCode);
        var visit = await db.Set<StationVisit>().FirstOrDefaultAsync(v => v.Id == id && v.UnitCode == unit.Code, cancellationToken)
            ?? throw new NotFoundException("id", "No such visit at this station.");
        visit.Depart(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return View(visit, Language);
    }

    public async Task<VisitorDay> DayAsync(string unitCode, DateOnly? day, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var unit = Station(unitCode);
        var date = day ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), force.TimeZone).DateTime);
        var (from, to) = (days.StartOfLocalDay(date), days.StartOfLocalDay(date.AddDays(1)));
        var visits = db.Set<StationVisit>().AsNoTracking().Where(v => v.UnitCode == unit.Code && v.ArrivedAt >= from && v.ArrivedAt < to);
        var byPurpose = await visits.GroupBy(v => v.PurposeCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var inside = await visits.CountAsync(v => v.DepartedAt == null, cancellationToken);
        var language = Language;
        var list = await PagedList<VisitView>.CreateAsync(visits.OrderByDescending(v => v.ArrivedAt), v => View(v, pack, language),
            page ?? 1, pageSize ?? PagedList<VisitView>.DefaultPageSize, cancellationToken);
        return new VisitorDay(unit.Code, date, byPurpose.Sum(p => p.Count), inside, byPurpose.ToDictionary(p => p.Key, p => p.Count), list);
    }

    private static string Language => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>A station within the caller's jurisdiction; anything else does not exist for them (404).</summary>
    private UnitInfo Station(string unitCode)
    {
        var unit = units.Find(unitCode);
        if (unit is null || unit.Kind != force.StationUnitKind || !scope.Covers(unit))
        {
            throw new NotFoundException("unit", $"No {force.StationUnitKind} '{unitCode}' in your jurisdiction.");
        }

        return unit;
    }

    private VisitView View(StationVisit v, string language) => View(v, pack, language);

    private static VisitView View(StationVisit v, FrontDeskPack pack, string language) => new(
        v.Id, v.UnitCode, v.VisitorName, v.VisitorPhone, v.PurposeCode, pack.Purpose(v.PurposeCode)?.NameIn(language) ?? v.PurposeCode, v.Saw,
        v.ComplaintReference, v.ArrivedAt, v.DepartedAt, v.RecordedBy);
}
