using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Features.Records.RegistrarKeys;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A hotel or guest house registered with the station of its place. It registers its guests with an
/// API key of its own (ADR-063): only the key's SHA-256 hash is kept (<see cref="KeyHash"/>), the key
/// itself is shown once when issued, and issuing a new key retires the old one.
/// </summary>
public sealed class Hotel : IKeyedRegistrar
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public string? Phone { get; set; }

    /// <summary>The station the hotel is registered with: its guests' alerts go there.</summary>
    public required string UnitCode { get; set; }

    public required string UnitPath { get; set; }

    /// <summary>Lower-case hex SHA-256 of the current key; unique.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The key's first characters, so that staff and the hotel can tell which key is current.</summary>
    public required string KeyHint { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset KeyIssuedAt { get; set; }

    /// <summary>A new hotel on a station's books, its key still to be issued.</summary>
    public static Hotel ForPlace(RegistrarPlace place, DateTimeOffset now, string registeredBy) => new()
    {
        Id = Guid.CreateVersion7(now), Name = place.Name, Address = place.Address, Phone = place.Phone, UnitCode = place.Station.Code,
        UnitPath = place.Station.Path, KeyHash = "", KeyHint = "", RegisteredAt = now, RegisteredBy = registeredBy,
    };
}

internal sealed class HotelConfiguration : IEntityTypeConfiguration<Hotel>
{
    public void Configure(EntityTypeBuilder<Hotel> builder)
    {
        builder.ToTable("hotels");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Name).HasMaxLength(120);
        builder.Property(h => h.Address).HasMaxLength(300);
        builder.Property(h => h.Phone).HasMaxLength(20);
        builder.Property(h => h.UnitCode).HasMaxLength(32);
        builder.Property(h => h.UnitPath).HasMaxLength(400);
        builder.HasIndex(h => h.UnitPath);
        builder.Property(h => h.KeyHash).HasMaxLength(64);
        builder.HasIndex(h => h.KeyHash).IsUnique();
        builder.Property(h => h.KeyHint).HasMaxLength(16);
        builder.Property(h => h.RegisteredBy).HasMaxLength(100);
    }
}
