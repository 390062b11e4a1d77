using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.FrontDesk.RateByReply;

/// <summary>An SMS the gateway received: the sender's number and the text as typed.</summary>
public sealed record InboundSms(string? From, string? Text);

public sealed record ReplyRating(string Reference, int Rating);

/// <summary>The short codes disposal SMS carry: letters and digits that cannot be misread for each other.</summary>
public static class RatingTokens
{
    public const int Length = 6;

    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"; // no 0/O, 1/I/L, U

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static bool HasShape(string text) => text.Length == Length && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}

/// <summary>
/// Rating by SMS reply (issue 16, item 4): the gateway hands over a reply "TOKEN SCORE [comment]" and the
/// number it came from. The token and the complainant's phone together find the complaint, as the
/// reference and phone do on the tracking page; the token works once. A reply of the wrong shape is 400
/// on <c>text</c>; an unknown, used or someone else's token is 404 on <c>token</c>; nothing is recorded.
/// </summary>
public sealed class RateByReplyHandler(NigehbanDbContext db, JurisdictionScope scope, ComplaintNotifications notifications, TimeProvider time)
{
    private const string Shape = "Reply with the code from the SMS, a score from 1 to 5 and, if you wish, a comment: for example \"K7M2QX 4 Quick and polite\".";

    public async Task<ReplyRating> HandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        var phone = TextFields.NormalisePhone(sms.From) ?? throw new ValidationFailedException("from", "from is the sender's phone number.");
        var (token, rating, comment) = Parse(sms.Text);

        scope.Unrestricted("an SMS reply rates by a secret pair (its one-time token + the complainant's phone)");
        var complaint = await db.Set<StationComplaint>()
            .FirstOrDefaultAsync(c => c.RatingToken == token && c.Complainant.Phone == phone, cancellationToken)
            ?? throw new NotFoundException("token", "No complaint awaits a rating with this code from this phone; a code works once.");
        complaint.Rate(rating, comment, time.GetUtcNow());
        notifications.RatedByReply(db, complaint);
        await db.SaveChangesAsync(cancellationToken);
        return new ReplyRating(complaint.Reference, rating);
    }

    private static (string Token, int Rating, string? Comment) Parse(string? text)
    {
        var parts = (text ?? string.Empty).Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2
            || !RatingTokens.HasShape(parts[0].ToUpperInvariant())
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rating)
            || rating is < 1 or > 5)
        {
            throw new ValidationFailedException("text", Shape);
        }

        return (parts[0].ToUpperInvariant(), rating, TextFields.Optional(parts.Length == 3 ? parts[2] : null, "text", 1000));
    }
}
