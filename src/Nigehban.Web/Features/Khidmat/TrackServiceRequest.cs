using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;

namespace Nigehban.Web.Features.Khidmat;

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
public sealed class TrackServiceRequestHandler(NigehbanDbContext db, ServiceCatalogue catalogue, ForcePack force)
{
    /// <summary>
    /// The most frequent public read, compiled: it skips EF's per-call expression walk and cache
    /// look-up, and projects only what a citizen may see instead of materialising the application
    /// with its owned applicant and steps. A compiled query is bound to the model it was first run
    /// with, so there is one per model (a process may hold a SQLite and a PostgreSQL model, as the
    /// tests do).
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
        var notFound = new NotFoundException("reference", "No application matches this reference and national ID.");
        if (!ReferenceNumber.TryParse(reference, out var parsed))
        {
            throw notFound;
        }

        var id = force.NationalId.Normalise(nationalId) ?? throw notFound;
        var find = Compiled.GetValue(db.Model, Compile);
        var request = await find(db, parsed.ToString(), id, cancellationToken) ?? throw notFound;

        var service = catalogue.Find(request.ServiceCode);
        return new ServiceRequestStatusView(
            request.Reference,
            request.ServiceCode,
            service?.NameIn(language) ?? request.ServiceCode,
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
    }

    private static string? CitizenNote(TrackedStep step) =>
        step.ToStatus is ServiceRequestStatus.Rejected or ServiceRequestStatus.ReturnedForCorrection or ServiceRequestStatus.Submitted ? step.Note : null;

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
