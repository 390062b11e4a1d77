using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;

namespace Nigehban.Web.Features.ServiceCentres;

public sealed record TimelineStep(ServiceRequestStatus Status, DateTimeOffset At, string? Note);

/// <summary>What a citizen sees: no applicant details beyond a masked name, no officer names.</summary>
public sealed record ServiceRequestStatusView(
    string Reference,
    string ServiceCode,
    string Service,
    ServiceRequestStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string ApplicantName,
    string? ReasonForCitizen,
    IReadOnlyList<TimelineStep> Timeline);

/// <summary>
/// Public tracking by reference plus national ID. Both must match one application; a wrong ID, a
/// mistyped reference (its check character fails) or an unknown one all answer the same 404, so the
/// endpoint cannot be used to learn that a reference exists.
/// </summary>
/// <remarks>
/// Most answers come from <see cref="TrackingCache"/> (ADR-015), which serves an entry only to the
/// national ID it was read with; everything else, wrong IDs included, reads the database. The
/// request's DbContext is resolved only then: renting and binding one costs a cached read more
/// than the rest of its work.
/// </remarks>
public sealed class TrackServiceRequestHandler(IServiceProvider services, TrackingCache cache, ServiceCatalogue catalogue, ForcePack force)
{
    /// <summary>
    /// The database read, compiled: it skips EF's per-call expression walk and cache look-up, and
    /// projects only what a citizen may see instead of materialising the application with its owned
    /// applicant and steps. A compiled query is bound to the model it was first run with, so there
    /// is one per model (a process may hold a SQLite and a PostgreSQL model, as the tests do).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<NigehbanDbContext, string, string, CancellationToken, Task<TrackedApplication?>>> Compiled = [];

    private static Func<NigehbanDbContext, string, string, CancellationToken, Task<TrackedApplication?>> Compile(IModel model) =>
        EF.CompileAsyncQuery((NigehbanDbContext context, string reference, string nationalId, CancellationToken _) =>
            context.Set<ServiceRequest>()
                .IgnoreQueryFilters() // public look-up by a secret pair (reference + national ID), see class comment
                .Where(r => r.Reference == reference && r.Applicant.NationalId == nationalId)
                .Select(r => new TrackedApplication(
                    r.Reference,
                    r.ServiceCode,
                    r.Status,
                    r.SubmittedAt,
                    r.DueAt,
                    r.Applicant.Name,
                    r.RejectionReason,
                    r.CorrectionNote,
                    r.Steps.OrderBy(s => s.At).Select(s => new TrackedStep(s.ToStatus, s.At, s.Note)).ToList()))
                .FirstOrDefault());

    public async Task<ServiceRequestStatusView> HandleAsync(string reference, string? nationalId, string language, CancellationToken cancellationToken)
    {
        if (!ReferenceNumber.TryParse(reference, out var parsed) || force.NationalId.Normalise(nationalId) is not { } id)
        {
            throw NotFound();
        }

        var canonical = parsed.ToString();
        if (!cache.TryGet(canonical, id, out var status))
        {
            var generation = cache.Generation(canonical);
            var db = services.GetRequiredService<NigehbanDbContext>();
            var request = await Compiled.GetValue(db.Model, Compile)(db, canonical, id, cancellationToken) ?? throw NotFound();
            status = ForCitizen(request);
            cache.Store(canonical, id, status, generation);
        }

        return new ServiceRequestStatusView(
            status.Reference,
            status.ServiceCode,
            catalogue.Find(status.ServiceCode)?.NameIn(language) ?? status.ServiceCode,
            status.Status,
            status.SubmittedAt,
            status.DueAt,
            status.MaskedApplicantName,
            status.ReasonForCitizen,
            status.Timeline);
    }

    private static NotFoundException NotFound() => new("reference", ServiceCentreErrors.Text("Track.NoMatch"));

    /// <summary>The language-independent part of the answer; what the cache holds (so it holds no full names).</summary>
    private static TrackedStatus ForCitizen(TrackedApplication request) => new(
        request.Reference,
        request.ServiceCode,
        request.Status,
        request.SubmittedAt,
        request.DueAt,
        Masking.Name(request.ApplicantName),
        request.Status switch
        {
            ServiceRequestStatus.Rejected => request.RejectionReason,
            ServiceRequestStatus.ReturnedForCorrection => request.CorrectionNote,
            _ => null,
        },
        [.. request.Steps.Select(s => new TimelineStep(s.ToStatus, s.At, CitizenNote(s)))]);

    /// <summary>
    /// The officer's words to the citizen (why it was rejected or returned). The submission step's note
    /// is the system's English record of the channel: the step's status already tells the citizen, in
    /// their language, that it was submitted.
    /// </summary>
    private static string? CitizenNote(TrackedStep step) =>
        step.ToStatus is ServiceRequestStatus.Rejected or ServiceRequestStatus.ReturnedForCorrection ? step.Note : null;

    private sealed record TrackedStep(ServiceRequestStatus ToStatus, DateTimeOffset At, string? Note);

    private sealed record TrackedApplication(
        string Reference,
        string ServiceCode,
        ServiceRequestStatus Status,
        DateTimeOffset SubmittedAt,
        DateTimeOffset DueAt,
        string ApplicantName,
        string? RejectionReason,
        string? CorrectionNote,
        List<TrackedStep> Steps);
}

/// <summary>Shows enough of a name to reassure its owner and too little to identify a stranger.</summary>
public static class Masking
{
    /// <summary>"Ayesha Khan" → "A***** K***".</summary>
    public static string Name(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => part[0] + new string('*', Math.Max(part.Length - 1, 1))));
}
