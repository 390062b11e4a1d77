namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Free text and phone numbers as every module reads them from a citizen or an officer: trimmed,
/// bounded, and refused with the field named, in the reader's language (ADR-040).
/// </summary>
public static class TextFields
{
    /// <summary>The longest text accepted as a phone number before it is looked at.</summary>
    private const int MaxPhoneInput = 30;

    public static string Required(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ValidationFailedException(field, ApiErrors.Text("Field.Required", field));
        }

        return trimmed.Length <= max ? trimmed : throw new ValidationFailedException(field, ApiErrors.Text("Field.TooLong", field, max));
    }

    public static string? Optional(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= max ? trimmed : throw new ValidationFailedException(field, ApiErrors.Text("Field.TooLong", field, max));
    }

    /// <summary>
    /// The stored form of a phone number: spaces and hyphens dropped, an optional leading +, then 7
    /// to 15 digits. Null when the text is not a phone number. Tracking compares this form, so a
    /// number typed with or without spaces is one number.
    /// </summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > MaxPhoneInput)
        {
            return null;
        }

        var compact = phone.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var digits = compact.StartsWith('+') ? compact[1..] : compact;
        return digits.Length is >= 7 and <= 15 && digits.All(char.IsAsciiDigit) ? compact : null;
    }

    /// <summary>
    /// A phone number as a query string brought it: a client that writes <c>?phone=+92…</c> without
    /// escaping the + sends a space in its place (form encoding), so a value that begins with a space
    /// and then a digit is taken to have begun with +. Anything else is returned as given.
    /// </summary>
    public static string? PhoneFromQuery(string? phone) =>
        phone is [' ', ..] && phone.TrimStart(' ') is [var first, ..] trimmed && char.IsAsciiDigit(first) ? "+" + trimmed : phone;

    /// <summary>A required phone number in its stored form.</summary>
    public static string Phone(string? phone, string field) =>
        string.IsNullOrWhiteSpace(phone)
            ? throw new ValidationFailedException(field, ApiErrors.Text("Field.Required", field))
            : NormalisePhone(phone) ?? throw new ValidationFailedException(field, ApiErrors.Text("Field.Phone"));
}
