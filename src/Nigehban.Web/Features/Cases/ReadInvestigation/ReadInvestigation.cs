using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Cases.ReadFirs;
using Nigehban.Web.Features.Cases.ReadWanted;
using Nigehban.Web.Features.Cases.RecordArrest;
using Nigehban.Web.Features.Cases.RecordRecovery;
using Nigehban.Web.Features.Cases.WriteCaseDiary;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.Cases.ReadInvestigation;

/// <param name="Mine">Only the cases the caller investigates.</param>
/// <param name="Stage">Only cases at this stage.</param>
/// <param name="Unit">A unit of the caller's jurisdiction to narrow to.</param>
public sealed record CaseQuery(bool? Mine, string? Stage, string? Unit, int? Page, int? PageSize);

public sealed record CaseRow(string Reference, string FirNumber, string UnitCode, string CrimeHead, FirStatus Stage, DateTimeOffset StageStartedAt,
    DateTimeOffset? StageDueAt, bool Overdue, string InvestigatingOfficer, string InvestigatingOfficerName, DateTimeOffset RegisteredAt);

public sealed record StageCount(FirStatus Stage, int Cases, int Overdue);

/// <param name="DetectionPercent">ADR-051's detection over all the station's FIRs: traced ÷ not cancelled (null: none).</param>
/// <param name="ChallanInTimePercent">Challans submitted by the investigation's deadline ÷ all challans (null: none yet).</param>
public sealed record StationCases(string UnitCode, IReadOnlyList<StageCount> Stages, int Cases, int Overdue, double? DetectionPercent, double? ChallanInTimePercent);

public sealed record CaseEventView(DateTimeOffset At, FirEventKind Kind, string Actor, string Details, string? Reason);

public sealed record InvestigationView(
    string Reference, string FirNumber, FirStatus Stage, DateTimeOffset StageStartedAt, DateTimeOffset? StageDueAt, bool Overdue, int EscalationLevel,
    string InvestigatingOfficer, string InvestigatingOfficerName, bool MayWork, IReadOnlyList<FirStatus> NextStages,
    IReadOnlyList<DiaryEntryView> Diary, IReadOnlyList<ArrestView> Arrests, IReadOnlyList<RecoveryView> Recoveries, IReadOnlyList<CaseEventView> History,
    IReadOnlyList<PartyChoice> Accused);

/// <summary>
/// Reading case work: the IO's list (<c>mine</c>), a station's board by stage with the overdue cases
/// first, and one case's diary, arrests, recoveries and history (audited). Jurisdiction applies: an IO
/// and an SHO see their station's cases, a DPO his district's; outside it, 404.
/// </summary>
public sealed class ReadInvestigationHandler(NigehbanDbContext db, CaseWork work, CurrentUser user, UnitDirectory units, JurisdictionScope scope, ForcePack force)
{
    public async Task<PagedList<CaseRow>> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        var now = work.Now;
        var firs = Narrow(query.Unit);
        if (query.Mine == true)
        {
            var me = user.UserName ?? "";
            firs = firs.Where(f => f.InvestigatingOfficerUserName == me);
        }

        if (!string.IsNullOrWhiteSpace(query.Stage))
        {
            if (query.Stage.Trim().All(char.IsDigit) || !Enum.TryParse<FirStatus>(query.Stage.Trim(), ignoreCase: true, out var stage) || !Enum.IsDefined(stage))
            {
                throw new ValidationFailedException("stage", CasesErrors.Text("Stage.Unknown", string.Join(", ", Enum.GetValues<FirStatus>())));
            }

            firs = firs.Where(f => f.Status == stage);
        }

        // Overdue first (by how long overdue), then the rest by their deadline, cases without a clock last.
        return await PagedList<CaseRow>.CreateAsync(
            firs.OrderBy(f => f.StageDueAt == null).ThenBy(f => f.StageDueAt).ThenByDescending(f => f.RegisteredAt),
            f => new CaseRow(f.Reference, f.Number + "/" + f.Year, f.UnitCode, f.CrimeHead, f.Status, f.StageStartedAt, f.StageDueAt,
                f.StageDueAt != null && f.StageDueAt < now, f.InvestigatingOfficerUserName, f.InvestigatingOfficerName, f.RegisteredAt),
            query.Page ?? 1, query.PageSize ?? PagedList<CaseRow>.DefaultPageSize, cancellationToken);
    }

    /// <summary>The board's head: how many cases stand at each stage and how many of them are overdue.</summary>
    public async Task<IReadOnlyList<StageCount>> StagesAsync(string? unit, CancellationToken cancellationToken)
    {
        var now = work.Now;
        var counts = await Narrow(unit).GroupBy(f => f.Status)
            .Select(g => new { Stage = g.Key, Cases = g.Count(), Overdue = g.Count(f => f.StageDueAt != null && f.StageDueAt < now) })
            .ToListAsync(cancellationToken);
        return [.. Enum.GetValues<FirStatus>().Select(s => counts.FirstOrDefault(c => c.Stage == s) is { } c ? new StageCount(s, c.Cases, c.Overdue) : new StageCount(s, 0, 0))];
    }

    /// <summary>
    /// The district board: for each station under <paramref name="unit"/> (or the caller's jurisdiction), its
    /// cases by stage with the overdue among them, and its detection and challan-in-time rates (ADR-055).
    /// </summary>
    public async Task<IReadOnlyList<StationCases>> StationsAsync(string? unit, CancellationToken cancellationToken)
    {
        var now = work.Now;
        var firs = Narrow(unit);
        var root = string.IsNullOrWhiteSpace(unit) ? user.UnitPath ?? "/" : units.Find(unit.Trim())!.Path;
        var stations = units.All.Where(u => u.Kind == force.StationUnitKind && u.Path.StartsWith(root, StringComparison.Ordinal)).Select(u => u.Code).ToList();
        var traced = FirStages.TracedStages.ToList();
        var rows = await firs.GroupBy(f => new { f.UnitCode, f.Status })
            .Select(g => new
            {
                g.Key.UnitCode,
                Stage = g.Key.Status,
                Cases = g.Count(),
                Overdue = g.Count(f => f.StageDueAt != null && f.StageDueAt < now),
                Challans = g.Count(f => f.ChallanSubmittedAt != null),
                InTime = g.Count(f => f.ChallanInTime == true),
            })
            .ToListAsync(cancellationToken);
        return [.. stations.Select(code =>
        {
            var mine = rows.Where(r => r.UnitCode == code).ToList();
            var counted = mine.Where(r => r.Stage != FirStatus.Cancelled).Sum(r => r.Cases);
            var challans = mine.Sum(r => r.Challans);
            return new StationCases(code,
                [.. Enum.GetValues<FirStatus>().Select(s => mine.FirstOrDefault(r => r.Stage == s) is { } r ? new StageCount(s, r.Cases, r.Overdue) : new StageCount(s, 0, 0))],
                mine.Sum(r => r.Cases), mine.Sum(r => r.Overdue),
                counted == 0 ? null : 100.0 * mine.Where(r => traced.Contains(r.Stage)).Sum(r => r.Cases) / counted,
                challans == 0 ? null : 100.0 * mine.Sum(r => r.InTime) / challans);
        })];
    }

    public async Task<InvestigationView> GetAsync(string reference, CancellationToken cancellationToken)
    {
        // The case without its offences and parties: the investigation shows neither.
        var fir = await ReadFirsHandler.FindAsync(db.Set<Fir>().AsNoTracking(), reference, cancellationToken);
        var diary = await db.Set<FirDiaryEntry>().AsNoTracking().Where(e => e.FirId == fir.Id).OrderBy(e => e.WrittenAt)
            .Select(e => new DiaryEntryView(e.Id, e.WrittenAt, e.AuthorUserName, e.AuthorName, e.Text)).ToListAsync(cancellationToken);
        var arrests = await db.Set<FirArrest>().AsNoTracking().Where(a => a.FirId == fir.Id).OrderBy(a => a.CustodyStartedAt).ToListAsync(cancellationToken);
        var recoveries = await db.Set<FirRecovery>().AsNoTracking().Where(r => r.FirId == fir.Id).OrderBy(r => r.RecoveredAt).ToListAsync(cancellationToken);
        var accused = await db.Set<FirParty>().AsNoTracking().Where(p => p.FirId == fir.Id && p.Role == PartyRole.Accused && !p.IsUnknown && p.Name != null)
            .OrderBy(p => p.Position).Select(p => new PartyChoice(p.Position, p.Name!, p.Role)).ToListAsync(cancellationToken);
        var history = await db.Set<FirEvent>().AsNoTracking().Where(e => e.FirId == fir.Id).OrderBy(e => e.At)
            .Select(e => new CaseEventView(e.At, e.Kind, e.Actor, e.Details, e.Reason)).ToListAsync(cancellationToken);
        db.Audit.Record(new AuditEntry("fir.investigation-read", nameof(Fir), fir.Reference, UnitPath: fir.UnitPath));
        await db.SaveChangesAsync(cancellationToken);
        var mayWork = work.MayWork(fir);
        return new InvestigationView(fir.Reference, fir.FirNumber, fir.Status, fir.StageStartedAt, fir.StageDueAt, fir.StageDueAt < work.Now, fir.EscalationLevel,
            fir.InvestigatingOfficerUserName, fir.InvestigatingOfficerName, mayWork, mayWork ? FirStages.NextOf(fir.Status) : [],
            diary, [.. arrests.Select(RecordArrestHandler.View)], [.. recoveries.Select(RecordRecoveryHandler.View)], history, accused);
    }

    private IQueryable<Fir> Narrow(string? unit)
    {
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var found = units.Find(unit.Trim()) ?? throw new ValidationFailedException("unit", CasesErrors.Text("Unit.NotAStation", unit, "unit"));
            scope.LimitTo(found.Path);
        }

        return db.Set<Fir>().AsNoTracking();
    }
}
