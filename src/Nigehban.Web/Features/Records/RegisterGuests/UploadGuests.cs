using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Csv;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.Records.RegisterGuests;

public sealed record GuestUploadResult(int Registered, IReadOnlyList<GuestStayView> Stays);

/// <summary>
/// A small hotel's register as one CSV file (a header row naming the columns, then one guest a row):
/// every row is checked as a check-in is, and either all rows go in, each matched on arrival, in one
/// transaction, or none does and every bad cell is named (<c>line N: field</c>). Times without an
/// offset are the force's local time; an optional vehicle column is matched against stolen vehicles, as
/// a single check-in's vehicle is. With an Idempotency-Key, sending the same file again answers
/// the first upload.
/// </summary>
public sealed class UploadGuestsHandler(NigehbanDbContext db, RegisterGuestsHandler guests, ForcePack force, TimeProvider clock)
{
    public const int MaxRows = 500;

    private static readonly string[] Columns = ["guestName", "fatherName", "nationalId", "passport", "nationality", "phone", "room", "checkedInAt", "checkedOutAt", "vehicleRegistration"];

    public async Task<GuestUploadResult> HandleAsync(TextReader file, string? idempotencyKey, CancellationToken cancellationToken)
    {
        idempotencyKey = IdempotentRequest.CheckKey(idempotencyKey, IdempotentRequest.MaxBatchKeyLength);

        var hotel = await guests.CurrentHotelAsync(cancellationToken);
        var reader = new CsvRecordReader(file);
        var header = reader.Next(out _, out _);
        var index = header?.Select((name, i) => (Name: name.Trim(), i)).ToDictionary(c => c.Name, c => c.i, StringComparer.OrdinalIgnoreCase);
        if (index is null || !index.ContainsKey("guestName"))
        {
            throw new ValidationFailedException("file", RecordsErrors.Text("Upload.Header", string.Join(",", Columns)));
        }

        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var stays = new List<HotelStay>();
        while (reader.Next(out var line, out var malformed) is { } cells)
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var prefix = $"line {line}: ";
            if (stays.Count + 1 > MaxRows)
            {
                throw new ValidationFailedException("file", RecordsErrors.Text("Upload.TooManyRows", MaxRows));
            }

            if (malformed is not null)
            {
                errors.Add(prefix + "file", RecordsErrors.Text("Upload.Malformed"));
                continue;
            }

            string? Cell(string column) => index.TryGetValue(column, out var i) && i < cells.Count && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i].Trim() : null;
            var inAt = Instant(Cell("checkedInAt"), prefix + "checkedInAt", errors);
            var outAt = Instant(Cell("checkedOutAt"), prefix + "checkedOutAt", errors);
            var command = new CheckInCommand(Cell("guestName"), Cell("fatherName"), Cell("nationalId"), Cell("passport"), Cell("nationality"),
                Cell("phone"), Cell("room"), inAt, outAt, Cell("vehicleRegistration"));
            if (errors.Check(() => guests.Validate(command, hotel, now, prefix)) is { } stay)
            {
                stay.IdempotencyKey = IdempotentRequest.RowKey(idempotencyKey, line);
                stay.IdempotencyRequestHash = idempotencyKey is null ? null : RegisterGuestsHandler.RequestHash(stay, inAt);
                stays.Add(stay);
            }
        }

        if (stays.Count == 0 && !errors.Any)
        {
            throw new ValidationFailedException("file", RecordsErrors.Text("Upload.Empty"));
        }

        errors.ThrowIfAny();
        foreach (var stay in stays)
        {
            await guests.StageAsync(hotel, stay, cancellationToken);
        }

        return await db.SaveOrFindFirstAsync<HotelStay, GuestUploadResult>(idempotencyKey, FindFirstAsync, cancellationToken,
                nameof(HotelStay.HotelId), nameof(HotelStay.IdempotencyKey))
            ?? new GuestUploadResult(stays.Count, [.. stays.Select(s => new GuestStayView(s.Id, s.GuestName, s.Room, s.CheckedInAt, s.CheckedOutAt))]);

        // The same upload again: the first one's stays, under the key's rows, if every row is the same; another file under the key is 422,
        // or its guests would be answered as registered and never be.
        async Task<GuestUploadResult?> FindFirstAsync()
        {
            var keys = stays.Select(s => s.IdempotencyKey).ToList();
            var first = await db.Set<HotelStay>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.HotelId == hotel.Id && keys.Contains(s.IdempotencyKey))
                .OrderBy(s => s.CheckedInAt).ThenBy(s => s.Id)
                .ToListAsync(cancellationToken);
            return IdempotentRequest.ReplayBatch([.. stays.Select(s => (s.IdempotencyKey, s.IdempotencyRequestHash))], [.. first.Select(f => (f.IdempotencyKey, f.IdempotencyRequestHash))],
                () => new GuestUploadResult(first.Count, [.. first.Select(s => new GuestStayView(s.Id, s.GuestName, s.Room, s.CheckedInAt, s.CheckedOutAt, true))]));
        }
    }

    private DateTimeOffset? Instant(string? text, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(text))
        {
            return withOffset.ToUniversalTime();
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var offset = force.TimeZone.GetUtcOffset(local);
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
        }

        errors.Add(field, RecordsErrors.Text("Upload.Time"));
        return null;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':';
}
