using System.Text.Json.Serialization;

namespace Nigehban.Web.Features.Cases.RegisterFir;

public sealed record FirPlaceInput(string? Text, double? Latitude, double? Longitude);

/// <param name="Role">complainant, accused, witness or victim.</param>
/// <param name="Unknown">An accused whose name is not known: describe them instead.</param>
/// <param name="Gender">female, male, other or unknown; required for a victim.</param>
public sealed record FirPartyInput(
    string? Role, string? Name = null, bool? Unknown = null, string? Description = null, string? Gender = null, int? Age = null,
    string? Phone = null, string? NationalId = null, string? Address = null);

/// <summary>
/// An FIR to register, directly or from a front-desk complaint (<paramref name="ComplaintReference"/>):
/// then the station, time, place, narrative and complainant default to the complaint's.
/// </summary>
/// <param name="Unit">The registering station.</param>
/// <param name="Offences">Offence codes of the force's catalogue (<c>GET /api/v1/firs/offences</c>), e.g. "PPC 392".</param>
/// <param name="InvestigatingOfficer">The user name of the officer who will investigate, posted at the station.</param>
/// <param name="Language">The complainant's language (one of the pack's): their SMS is written in it.</param>
public sealed record RegisterFirCommand(
    string? Unit = null,
    string? ComplaintReference = null,
    IReadOnlyList<string>? Offences = null,
    DateTimeOffset? OccurredAt = null,
    FirPlaceInput? Place = null,
    string? Narrative = null,
    IReadOnlyList<FirPartyInput>? Parties = null,
    string? InvestigatingOfficer = null,
    string? Language = null);

/// <summary>The answer to a registration; <see cref="Replayed"/> (not sent) says it is the first request's answer again.</summary>
public sealed record RegisteredFir(
    string Reference, string FirNumber, string Unit, string CrimeHead, IReadOnlyList<string> Offences, string InvestigatingOfficer,
    DateTimeOffset RegisteredAt, string? ComplaintReference, [property: JsonIgnore] bool Replayed = false);
