using System.Globalization;
using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Records.Pages.Console;

/// <summary>What the stolen-vehicle forms share: a date-time field read in the force's time zone, and a refusal split by field.</summary>
public static class LocalInput
{
    /// <summary>A <c>datetime-local</c> value ("2026-12-07T14:30"), a time on the force's clock, as an instant; null when empty or not a time.</summary>
    public static DateTimeOffset? ToInstant(string? value, TimeZoneInfo timeZone)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, timeZone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>The refusal's message per field shown on the form, and the rest (another field, a rule, not found) as one sentence.</summary>
    public static (Dictionary<string, string> Fields, string? Others) Explain(Exception refusal, params string[] shown)
    {
        if (refusal is not ValidationFailedException invalid)
        {
            return ([], refusal.Message);
        }

        var fields = invalid.Errors.Where(e => shown.Contains(e.Key)).ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.Ordinal);
        var rest = string.Join(" ", invalid.Errors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value));
        return (fields, rest.Length == 0 ? null : rest);
    }
}
