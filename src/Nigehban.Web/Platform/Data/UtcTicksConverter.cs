using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Nigehban.Web.Platform.Data;

/// <summary>Stores an instant as UTC ticks (SQLite): exact, sortable and comparable in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
