namespace Nigehban.Web.Platform.Documents;

/// <summary>
/// A module whose records a service centre issues copies of (the FIR copy). A service whose output is
/// <see cref="Output"/> asks the applicant to name the record (in the application's details, under
/// <see cref="DetailName"/>); the document issued is the module's own copy with its own QR code, so it
/// verifies as the module's document does. The service centres know only this contract.
/// </summary>
public interface IRecordCopies
{
    /// <summary>The service output (services.json <c>output</c>) this module's copies answer.</summary>
    string Output { get; }

    /// <summary>The key of the application's details that names the record.</summary>
    const string DetailName = "record";

    /// <summary>What the form calls the record the applicant must name, in <paramref name="language"/>.</summary>
    string RecordLabel(string language);

    /// <summary>
    /// The record's reference when <paramref name="named"/> is one kept within <paramref name="areaPath"/>
    /// that names the applicant (by national ID or phone) as one of its parties; otherwise null. "No such
    /// record" and "not yours" are one answer, so a mistyped reference never reveals another person's record.
    /// </summary>
    Task<string?> FindForApplicantAsync(string named, string areaPath, string nationalId, string? phone, CancellationToken cancellationToken);

    /// <summary>The copy's PDF, for a holder whose application for it was issued (an audited read).</summary>
    Task<(byte[] Pdf, string FileName)> RenderAsync(string reference, CancellationToken cancellationToken);
}
