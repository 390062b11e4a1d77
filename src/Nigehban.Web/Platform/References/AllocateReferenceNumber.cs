using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Platform.References;

/// <summary>
/// Hands out the next reference number for an item owned by a unit. The counter row is bumped
/// with one atomic upsert (<c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c>, which both
/// PostgreSQL and SQLite 3.35+ run) inside the caller's transaction: two callers never get the
/// same number, and a bump whose transaction rolls back is undone with it. Numbers may still have
/// gaps (an allocation made outside the storing transaction, a future change of the rule), which
/// is harmless: references are identifiers, not a count. See ADR-005.
/// </summary>
/// <remarks>
/// Call it inside the transaction that stores the item, as late as possible: the counter row of
/// that (kind, district, year) stays locked until the transaction ends. Called outside a
/// transaction it commits at once, and a later failure leaves a gap.
/// </remarks>
public sealed class AllocateReferenceNumber(NigehbanDbContext db, UnitDirectory units, ForcePack force, TimeProvider clock, ReferenceBlocks blocks)
{
    public async Task<ReferenceNumber> NextAsync(string kind, string unitCode, CancellationToken cancellationToken)
    {
        var (district, year) = CounterOf(kind, unitCode);
        var first = await ReserveAsync(db, kind, district, year, 1, cancellationToken);
        return new ReferenceNumber(kind, district, year % 100, first);
    }

    /// <summary>
    /// The next number of this process's block of the counter (ADR-013): most calls touch no
    /// database at all, and one in <see cref="ReferenceBlocks.BlockSize"/> reserves the next block
    /// with one upsert in autocommit. Never inside a transaction: a block reserved there and then
    /// rolled back would be handed out again by the next reservation. Numbers are unique across
    /// every process sharing the database; a block's unused rest is a gap once the process stops.
    /// </summary>
    public async Task<ReferenceNumber> NextFromBlockAsync(string kind, string unitCode, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Reference blocks are reserved outside any transaction: a rolled-back reservation would repeat numbers already handed out.");
        }

        var (district, year) = CounterOf(kind, unitCode);
        var sequence = await blocks.NextAsync((kind, district, year), size => ReserveAsync(db, kind, district, year, size, cancellationToken), cancellationToken);
        return new ReferenceNumber(kind, district, year % 100, sequence);
    }

    /// <summary>
    /// Reserves <paramref name="count"/> numbers of a given year's counter at once and returns the first
    /// (the rest follow it): for loading many items dated in that year (demo history), whose numbers
    /// must never be handed out again by the live counters.
    /// </summary>
    public async Task<ReferenceNumber> ReserveRangeAsync(string kind, string unitCode, int year, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var (district, _) = CounterOf(kind, unitCode);
        var first = await ReserveAsync(db, kind, district, year, count, cancellationToken);
        return new ReferenceNumber(kind, district, year % 100, first);
    }

    private (string District, int Year) CounterOf(string kind, string unitCode)
    {
        if (!ReferenceNumber.IsKindCode(kind))
        {
            throw new ArgumentException($"A reference kind is 2-5 capital letters, not '{kind}'.", nameof(kind));
        }

        return (DistrictOf(unitCode), TimeZoneInfo.ConvertTime(clock.GetUtcNow(), force.TimeZone).Year);
    }

    /// <summary>Bumps the counter by <paramref name="size"/> in one atomic upsert and returns the first number of the range.</summary>
    private static async Task<long> ReserveAsync(NigehbanDbContext db, string kind, string district, int year, int size, CancellationToken cancellationToken)
    {
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO reference_counters ("Kind", "District", "Year", "NextValue")
            VALUES ({kind}, {district}, {year}, {1 + size})
            ON CONFLICT ("Kind", "District", "Year")
            DO UPDATE SET "NextValue" = reference_counters."NextValue" + {size}
            RETURNING "NextValue" - {size} AS "Value"
            """).ToListAsync(cancellationToken);
        return values.Single();
    }

    /// <summary>The short code of the unit's ancestor-or-self of the pack's reference kind (Punjab: its district).</summary>
    public string DistrictOf(string unitCode)
    {
        var unit = units.Find(unitCode) ?? throw new ValidationFailedException("unitCode", ApiErrors.Text("Unit.Unknown", unitCode));
        var district = units.AncestorOfKind(unit.Code, force.ReferenceUnitKind);
        if (district?.ShortCode is not { } shortCode || !ReferenceNumber.IsDistrictCode(shortCode))
        {
            throw new ValidationFailedException("unitCode",
                ApiErrors.Text("Unit.CannotNumber", unit.Code));
        }

        return shortCode;
    }
}
