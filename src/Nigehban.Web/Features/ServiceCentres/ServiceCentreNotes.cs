using Nigehban.Web.Features.Records;
using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>
/// The words the system itself writes on an application — the record check's step note and summary —
/// are stored in English (the system's record, as log lines are) and told to the reader in their
/// language when read (<c>ServiceCentreNotes.resx</c> and one file per language; ADR-040).
/// An officer's own words are shown as written.
/// </summary>
public sealed class ServiceCentreNotes
{
    public const string RecordCheckClear = "Record check: clear.";
    public const string RecordCheckHit = "Record check: hit — see the record check summary.";
    public const string RecordCheckNotNeeded = "This service needs no record check.";

    private static readonly ErrorTexts Texts = new(typeof(ServiceCentreNotes));

    private ServiceCentreNotes()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);

    /// <summary>A stored note in the reader's language when the system wrote it; anything else as written.</summary>
    public static string? InReadersLanguage(string? stored) => stored switch
    {
        RecordCheckClear => Text("RecordCheck.Clear"),
        RecordCheckHit => Text("RecordCheck.Hit"),
        RecordCheckNotNeeded => Text("RecordCheck.NotNeeded"),
        RecordCheckResult.NothingFound => Text("RecordCheck.NothingFound"),
        _ => stored,
    };
}
