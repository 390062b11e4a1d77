using System.Text.Json;
using Nigehban.Web.Platform.Documents;

namespace Nigehban.Web.Features.ServiceCentres;

/// <summary>Where an application for a copy of a record names the record: its details' <see cref="IRecordCopies.DetailName"/>.</summary>
public static class RecordCopyDetails
{
    /// <summary>The record the applicant named, or null when the details (a JSON object) do not name one.</summary>
    public static string? Named(string? detailsJson)
    {
        if (detailsJson is null)
        {
            return null;
        }

        using var details = JsonDocument.Parse(detailsJson);
        return details.RootElement.ValueKind == JsonValueKind.Object
            && details.RootElement.TryGetProperty(IRecordCopies.DetailName, out var named)
            && named.ValueKind == JsonValueKind.String
                ? named.GetString()
                : null;
    }
}
