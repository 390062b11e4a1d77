using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.TrackComplaint;

public sealed record ComplaintOfficerView(string Name, string Phone);

public sealed record ComplaintTimelineStep(ComplaintEvent Event, DateTimeOffset At, string? Note);

/// <summary>What the complainant sees: no officer's user name, no other person's details, no staff notes.</summary>
/// <param name="Outcome">Once disposed: FirRegistered, Resolved, Referred or Filed (a name of <see cref="ComplaintOutcome"/>).</param>
public sealed record ComplaintStatusView(
    string Reference,
    string Category,
    ComplaintStatus Status,
    string Unit,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    ComplaintOfficerView? Officer,
    string? Outcome,
    string? OutcomeNote,
    int? Rating,
    IReadOnlyList<ComplaintTimelineStep> Timeline);

/// <summary>
/// Public tracking by reference plus the complainant's phone. A wrong phone, a mistyped reference
/// (its check character fails) or an unknown one all answer the same 404, so the endpoint tells
/// nobody that a reference exists. Answers read in the last few seconds come from
/// <see cref="ComplaintTrackingCache"/>, which serves an entry only to the phone it was read with.
/// </summary>
public sealed class TrackComplaintHandler(IServiceProvider services, ComplaintTrackingCache cache, FrontDeskPack pack, UnitDirectory units)
{
    /// <summary>The database read, compiled (one per model: a process may hold a SQLite and a PostgreSQL model, as the tests do).</summary>
    private static readonly ConditionalWeakTable<IModel, Func<NigehbanDbContext, string, string, CancellationToken, Task<TrackedComplaint?>>> Compiled = [];

    private static Func<NigehbanDbContext, string, string, CancellationToken, Task<TrackedComplaint?>> Compile(IModel model) =>
        EF.CompileAsyncQuery((NigehbanDbContext context, string reference, string phone, CancellationToken _) =>
            context.Set<StationComplaint>()
                .IgnoreQueryFilters() // public look-up by a secret pair (reference + phone), see class comment
                .Where(x => x.Reference == reference && x.Complainant.Phone == phone)
                .Select(x => new TrackedComplaint(
                    x.Reference, x.CategoryCode, x.Status, x.UnitCode, x.ReceivedAt, x.StageDueAt, x.OfficerName, x.OfficerPhone,
                    x.Outcome, x.DisposalNote, x.Rating,
                    x.Steps.OrderBy(s => s.At).Select(s => new TrackedComplaintStep(s.Event, s.At, s.Note, s.ToUnit)).ToList()))
                .FirstOrDefault());

    public async Task<ComplaintStatusView> HandleAsync(string reference, string? phone, string language, CancellationToken cancellationToken)
    {
        if (!ReferenceNumber.TryParse(reference, out var parsed) || TextFields.NormalisePhone(phone) is not { } number)
        {
            throw NotFound();
        }

        var canonical = parsed.ToString();
        if (!cache.TryGet(canonical, number, out var c))
        {
            // Most answers come from memory; the request's context is rented only for a read.
            var generation = cache.Generation(canonical);
            var db = services.GetRequiredService<NigehbanDbContext>();
            c = await Compiled.GetValue(db.Model, Compile)(db, canonical, number, cancellationToken) ?? throw NotFound();
            cache.Store(canonical, number, c, generation);
        }

        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        return new ComplaintStatusView(
            c.Reference,
            pack.Category(c.CategoryCode)?.NameIn(language) ?? c.CategoryCode,
            c.Status,
            units.Find(c.UnitCode)?.NameIn(culture) ?? c.UnitCode,
            c.ReceivedAt,
            c.Status == ComplaintStatus.Disposed ? null : c.StageDueAt,
            c.OfficerName is { } name && c.OfficerPhone is { } officerPhone ? new ComplaintOfficerView(name, officerPhone) : null,
            c.Outcome?.ToString(),
            c.DisposalNote,
            c.Rating,
            [.. c.Steps
                .Where(s => s.Event is not (ComplaintEvent.EscalatedToStation or ComplaintEvent.EscalatedToSupervisor))
                .Select(s => new ComplaintTimelineStep(s.Event, s.At, s.Event switch
                {
                    ComplaintEvent.Transferred => units.Find(s.ToUnit)?.NameIn(culture) ?? s.ToUnit,
                    ComplaintEvent.Disposed => s.Note,
                    _ => null,
                }))]);
    }

    private static NotFoundException NotFound() => new("reference", "No complaint matches this reference and phone number.");
}
