namespace Nigehban.Web.Platform.Data;

public static class StoredInstant
{
    /// <summary>
    /// The instant as the database will give it back: PostgreSQL keeps microseconds, so anything
    /// hashed or signed over a time must use this form or it stops matching after the round trip.
    /// </summary>
    public static DateTimeOffset ToMicroseconds(this DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);
}
