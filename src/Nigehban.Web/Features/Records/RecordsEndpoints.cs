using System.Globalization;
using Nigehban.Web.Features.Records.CriminalHistory;
using Nigehban.Web.Features.Records.MergePersons;
using Nigehban.Web.Features.Records.ReadPerson;
using Nigehban.Web.Features.Records.RegisterPerson;
using Nigehban.Web.Features.Records.SearchPersons;
using Nigehban.Web.Features.Records.TellWhoLooked;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.Records;

public sealed record PurposeView(string Code, string Name);

/// <summary>Persons and their criminal history (issue 19, items 1 and 3): search, profile, history, merges.</summary>
public static class RecordsEndpoints
{
    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/v1/persons").WithTags("Persons");
        persons.MapGet("/purposes", (RecordsPack pack) => TypedResults.Ok(Purposes(pack, Language)))
            .WithName("GetLookupPurposes").RequireAuthorization(Permissions.RecordsRead)
            .WithSummary("The purposes a person lookup may state (the force pack's), in the caller's language.");
        persons.MapGet("/", async ([AsParameters] PersonSearchQuery query, SearchPersonsHandler h, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(query, ct)))
            .WithName("SearchPersons").RequireAuthorization(Permissions.RecordsRead)
            .WithSummary("Finds persons force-wide by national ID (exact), name in any spelling or script, father's name or phone; all given criteria must match. "
                + "purpose is required (see /persons/purposes); audited; bulk use is refused with 429 and alerts the supervisor.");
        persons.MapPost("/", async (RegisterPersonCommand command, RegisterPersonHandler h, CancellationToken ct) =>
            {
                var person = await h.HandleAsync(command, ct);
                return TypedResults.Created($"/api/v1/persons/{person.Id}", person);
            })
            .WithName("RegisterPerson").RequireAuthorization(Permissions.RecordsWrite)
            .WithSummary("Puts a person on record at a unit of the officer's district: national ID, or father's name or description; aliases in any script.");
        persons.MapGet("/{id:guid}", async (Guid id, string? purpose, ReadPersonHandler h, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(id, purpose, ct)))
            .WithName("GetPerson").RequireAuthorization(Permissions.RecordsRead)
            .WithSummary("A person's profile: names, criminal history, closed records (acquitted, cleared), merged duplicates. "
                + "Within the officer's district only (404 outside); purpose required; audited.");
        persons.MapPost("/{id:guid}/history", async (Guid id, RecordHistoryCommand command, CriminalHistoryHandler h, CancellationToken ct) =>
            {
                var entry = await h.RecordAsync(id, command, ct);
                return TypedResults.Created($"/api/v1/persons/{id}", entry);
            })
            .WithName("RecordCriminalHistory").RequireAuthorization(Permissions.RecordsWrite)
            .WithSummary("Adds a line of criminal history: conviction (court and date), case (FIR reference as text), modusOperandi or gang.");
        persons.MapPost("/{id:guid}/history/{entryId:guid}/closure", async (Guid id, Guid entryId, CloseHistoryCommand command, CriminalHistoryHandler h, CancellationToken ct) =>
            {
                await h.CloseAsync(id, entryId, command, ct);
                return TypedResults.NoContent();
            })
            .WithName("CloseCriminalHistory").RequireAuthorization(Permissions.RecordsWrite)
            .WithSummary("Closes a history entry (acquitted or cleared, with the reason): kept on file as a closed record, no longer criminal history.");
        persons.MapPost("/{id:guid}/merges", async (Guid id, MergePersonsCommand command, MergePersonsHandler h, CancellationToken ct) =>
            {
                var merge = await h.MergeAsync(id, command, ct);
                return TypedResults.Created($"/api/v1/persons/{id}", merge);
            })
            .WithName("MergePersons").RequireAuthorization(Permissions.RecordsMerge)
            .WithSummary("Merges the duplicate record duplicateId into this one, with a reason (audited; reversible).");
        persons.MapPost("/{id:guid}/merges/{mergeId:guid}/reversal", async (Guid id, Guid mergeId, UndoMergeCommand command, MergePersonsHandler h, CancellationToken ct) =>
            {
                await h.UndoAsync(id, mergeId, command, ct);
                return TypedResults.NoContent();
            })
            .WithName("UndoPersonMerge").RequireAuthorization(Permissions.RecordsMerge)
            .WithSummary("Reverses a merge: both records stand on their own again, as they were (audited).");
        persons.MapGet("/{id:guid}/lookups", async (Guid id, int? page, int? pageSize, TellWhoLookedHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.HandleAsync(id, page, pageSize, Language, ct)))
            .WithName("GetPersonLookups").RequireAuthorization(Permissions.RecordsRead)
            .WithSummary("Who looked the person up, from which unit and why, for telling the person — where the force pack allows it (403 otherwise).");
        return app.MapRegistrations();
    }

    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static IReadOnlyList<PurposeView> Purposes(RecordsPack pack, string language) =>
        [.. pack.Purposes.Select(p => new PurposeView(p.Code, p.NameIn(language)))];
}
