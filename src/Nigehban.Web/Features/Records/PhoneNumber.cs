namespace Nigehban.Web.Features.Records;

/// <summary>A phone number as records keep it: its digits (7 to 15, the international limit), whatever separators were typed.</summary>
public static class PhoneNumber
{
    public static string? Digits(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30 || !text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')'))
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        return digits.Length is >= 7 and <= 15 ? digits : null;
    }
}
