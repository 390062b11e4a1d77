using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Records;

/// <summary>Who registered a tenant: the landlord online (any hour), or a station's front desk.</summary>
public enum TenantChannel
{
    Landlord,
    Desk,
}

/// <summary>
/// A tenant registered with the station of the let property, by the landlord or at the front desk.
/// <see cref="RegisteredLate"/> says it came after the pack's time from moving in (ADR-065).
/// </summary>
public sealed class TenantRegistration : IUnitOwned
{
    public Guid Id { get; set; }
    public required string PropertyAddress { get; set; }
    public required string LandlordName { get; set; }
    public required string LandlordPhone { get; set; }
    public required string TenantName { get; set; }
    public string? TenantFatherName { get; set; }
    public required string TenantNationalId { get; set; }
    public string? TenantPhone { get; set; }

    /// <summary>The tenant's vehicle, if one was named, in the pack's compared form: matched against stolen vehicles.</summary>
    public string? VehicleRegistration { get; set; }
    public DateTimeOffset MovedInAt { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public bool RegisteredLate { get; set; }
    public TenantChannel Channel { get; set; }
    public required string RegisteredBy { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? IdempotencyRequestHash { get; set; }
}

internal sealed class TenantRegistrationConfiguration : IEntityTypeConfiguration<TenantRegistration>
{
    public void Configure(EntityTypeBuilder<TenantRegistration> builder)
    {
        builder.ToTable("tenant_registrations");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.PropertyAddress).HasMaxLength(300);
        builder.Property(t => t.LandlordName).HasMaxLength(120);
        builder.Property(t => t.LandlordPhone).HasMaxLength(20);
        builder.Property(t => t.TenantName).HasMaxLength(120);
        builder.Property(t => t.TenantFatherName).HasMaxLength(120);
        builder.Property(t => t.TenantNationalId).HasMaxLength(32);
        builder.HasIndex(t => t.TenantNationalId);
        builder.Property(t => t.TenantPhone).HasMaxLength(20);
        builder.Property(t => t.VehicleRegistration).HasMaxLength(30);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.RegisteredBy).HasMaxLength(100);
        builder.Property(t => t.UnitCode).HasMaxLength(32);
        builder.Property(t => t.UnitPath).HasMaxLength(400);
        builder.HasIndex(t => t.UnitPath);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(100);
        builder.Property(t => t.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(t => t.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
    }
}
