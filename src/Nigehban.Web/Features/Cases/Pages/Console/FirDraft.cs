using System.Globalization;
using Nigehban.Web.Features.Cases.RegisterFir;

namespace Nigehban.Web.Features.Cases.Pages.Console;

/// <summary>What the register-FIR form holds, and how it becomes the same command the API takes.</summary>
public sealed class FirDraft
{
    private static readonly string[] Fields = ["unit", "complaintReference", "occurredAt", "place.text", "place.latitude", "place.longitude", "narrative", "investigatingOfficer"];

    public string? ComplaintReference { get; set; }
    public string? Unit { get; set; }
    public string? Offences { get; set; }
    public string? Officer { get; set; }

    /// <summary>Force-local, as a datetime-local input gives it: yyyy-MM-ddTHH:mm.</summary>
    public string? OccurredAt { get; set; }

    public string? Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Narrative { get; set; }
    public string? Language { get; set; }
    public string? ComplainantName { get; set; }
    public string? ComplainantPhone { get; set; }
    public string? ComplainantGender { get; set; }
    public int? ComplainantAge { get; set; }
    public bool ComplainantIsVictim { get; set; }
    public bool AccusedUnknown { get; set; }
    public string? AccusedName { get; set; }
    public string? AccusedDescription { get; set; }
    public string? WitnessName { get; set; }

    /// <summary>The field a refusal is shown under: one of the form's, "parties…" (shown with the people), or "" (above the buttons).</summary>
    public static string FormField(string field) =>
        field.StartsWith("offences", StringComparison.Ordinal) ? "offences"
        : field.StartsWith("parties", StringComparison.Ordinal) || Fields.Contains(field) ? field
        : string.Empty;

    /// <exception cref="FormatException">The occurrence time is not a date and time.</exception>
    public RegisterFirCommand ToCommand(TimeZoneInfo timeZone)
    {
        DateTimeOffset? occurredAt = null;
        if (!string.IsNullOrWhiteSpace(OccurredAt))
        {
            var local = DateTime.ParseExact(OccurredAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None);
            occurredAt = new DateTimeOffset(local, timeZone.GetUtcOffset(local)).ToUniversalTime();
        }

        var parties = new List<FirPartyInput>();
        var fromComplaint = !string.IsNullOrWhiteSpace(ComplaintReference);
        if (!fromComplaint || !string.IsNullOrWhiteSpace(ComplainantName))
        {
            parties.Add(new FirPartyInput("complainant", ComplainantName, Gender: ComplainantGender, Age: ComplainantAge, Phone: ComplainantPhone));
        }

        if (ComplainantIsVictim)
        {
            parties.Add(new FirPartyInput("victim", ComplainantName, Gender: ComplainantGender ?? nameof(PartyGender.Unknown), Age: ComplainantAge));
        }

        if (AccusedUnknown || !string.IsNullOrWhiteSpace(AccusedName))
        {
            parties.Add(new FirPartyInput("accused", AccusedUnknown ? null : AccusedName, Unknown: AccusedUnknown, Description: AccusedDescription));
        }

        if (!string.IsNullOrWhiteSpace(WitnessName))
        {
            parties.Add(new FirPartyInput("witness", WitnessName));
        }

        var offences = (Offences ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var place = string.IsNullOrWhiteSpace(Place) && Latitude is null && Longitude is null ? null : new FirPlaceInput(Place, Latitude, Longitude);
        return new RegisterFirCommand(
            fromComplaint ? Unit : Unit ?? "", fromComplaint ? ComplaintReference!.Trim() : null, offences, occurredAt, place,
            Narrative, parties, Officer, Language);
    }
}
