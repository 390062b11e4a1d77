using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.FrontDesk;

/// <summary>Checks shared by the complaint's use cases: text lengths and phone numbers.</summary>
public static class ComplaintInput
{
    public static string Required(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ValidationFailedException(field, $"{field} is required.");
        }

        return trimmed.Length <= max ? trimmed : throw new ValidationFailedException(field, $"{field} has at most {max} characters.");
    }

    public static string? Optional(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= max ? trimmed : throw new ValidationFailedException(field, $"{field} has at most {max} characters.");
    }

    /// <summary>
    /// The stored form of a phone number: spaces and hyphens dropped, an optional leading +, then 7
    /// to 15 digits. Null when the text is not a phone number. Tracking compares this form, so a
    /// number typed with or without spaces is one number.
    /// </summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 30)
        {
            return null;
        }

        var compact = phone.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var digits = compact.StartsWith('+') ? compact[1..] : compact;
        return digits.Length is >= 7 and <= 15 && digits.All(char.IsAsciiDigit) ? compact : null;
    }

    public static string Phone(string? phone, string field) =>
        string.IsNullOrWhiteSpace(phone)
            ? throw new ValidationFailedException(field, $"{field} is required.")
            : NormalisePhone(phone) ?? throw new ValidationFailedException(field, "A phone number has 7 to 15 digits, optionally starting with +.");
}
