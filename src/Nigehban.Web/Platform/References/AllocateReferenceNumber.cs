using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Organisation;
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
public sealed class AllocateReferenceNumber(NigehbanDbContext db, UnitDirectory units, ForcePack force, TimeProvider clock)
{
    public async Task<ReferenceNumber> NextAsync(string kind, string unitCode, CancellationToken cancellationToken)
    {
        if (!ReferenceNumber.IsKindCode(kind))
        {
            throw new ArgumentException($"A reference kind is 2-5 capital letters, not '{kind}'.", nameof(kind));
        }

        var district = DistrictOf(unitCode);
        var year = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), force.TimeZone).Year;
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO reference_counters ("Kind", "District", "Year", "NextValue")
            VALUES ({kind}, {district}, {year}, 2)
            ON CONFLICT ("Kind", "District", "Year")
            DO UPDATE SET "NextValue" = reference_counters."NextValue" + 1
            RETURNING "NextValue" - 1 AS "Value"
            """).ToListAsync(cancellationToken);
        return new ReferenceNumber(kind, district, year % 100, values.Single());
    }

    /// <summary>The short code of the unit's ancestor-or-self of the pack's reference kind (Punjab: its district).</summary>
    public string DistrictOf(string unitCode)
    {
        var unit = units.Find(unitCode) ?? throw new ValidationFailedException("unitCode", $"No unit has the code '{unitCode}'.");
        var district = units.AncestorOfKind(unit.Code, force.ReferenceUnitKind);
        if (district?.ShortCode is not { } shortCode || !ReferenceNumber.IsDistrictCode(shortCode))
        {
            throw new ValidationFailedException("unitCode",
                $"Unit '{unit.Code}' is not inside a {force.ReferenceUnitKind} with a short code, so it cannot number citizen items.");
        }

        return shortCode;
    }
}
