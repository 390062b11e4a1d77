using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// One guest's stay at a hotel, as the hotel registered it at check-in (and closed at check-out).
/// Owned by the hotel's station, so that the station reads it and no one else does. The guest's
/// national ID is kept in the force's normal form; a foreign guest gives a passport instead.
/// </summary>
public sealed class HotelStay : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid HotelId { get; set; }
    public required string GuestName { get; set; }
    public string? FatherName { get; set; }
    public string? NationalId { get; set; }
    public string? Passport { get; set; }
    public string? Nationality { get; set; }
    public string? Phone { get; set; }
    public string? Room { get; set; }

    /// <summary>The guest's vehicle, if the hotel noted one, in the pack's compared form: matched against stolen vehicles.</summary>
    public string? VehicleRegistration { get; set; }
    public DateTimeOffset CheckedInAt { get; set; }
    public DateTimeOffset? CheckedOutAt { get; set; }

    /// <summary>When the registration reached the police (the check-in may be a little earlier).</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The hotel's Idempotency-Key, unique per hotel; with the hash of the request it came with.</summary>
    public string? IdempotencyKey { get; set; }

    public string? IdempotencyRequestHash { get; set; }
}

internal sealed class HotelStayConfiguration : IEntityTypeConfiguration<HotelStay>
{
    public void Configure(EntityTypeBuilder<HotelStay> builder)
    {
        builder.ToTable("hotel_stays");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.GuestName).HasMaxLength(120);
        builder.Property(s => s.FatherName).HasMaxLength(120);
        builder.Property(s => s.NationalId).HasMaxLength(32);
        builder.HasIndex(s => s.NationalId);
        builder.Property(s => s.Passport).HasMaxLength(20);
        builder.Property(s => s.Nationality).HasMaxLength(60);
        builder.Property(s => s.Phone).HasMaxLength(20);
        builder.Property(s => s.Room).HasMaxLength(20);
        builder.Property(s => s.VehicleRegistration).HasMaxLength(30);
        builder.Property(s => s.UnitCode).HasMaxLength(32);
        builder.Property(s => s.UnitPath).HasMaxLength(400);
        builder.HasIndex(s => s.UnitPath);
        builder.HasIndex(s => new { s.HotelId, s.CheckedInAt });
        builder.Property(s => s.IdempotencyKey).HasMaxLength(100);
        builder.Property(s => s.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(s => new { s.HotelId, s.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.HasOne<Hotel>().WithMany().HasForeignKey(s => s.HotelId).OnDelete(DeleteBehavior.Restrict);
    }
}
